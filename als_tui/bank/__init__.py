"""Question banks: load and validate the YAML that describes a meeting format.

A bank names the stages a set works through for one presenter (account,
clarify, reflect, ...), how long each takes, who speaks, the rules of the
stage and the open questions members can borrow. See ``content/BANK_FORMAT.md``.

Pure core: no Textual, no I/O beyond reading the file. Every problem in a bank
is reported (not just the first), each as ``path:line: message``; no input,
however broken, ends in a traceback: only :class:`BankError`.
"""

from .formats import find_bank, shipped_banks
from .loading import load_bank, load_bank_text, load_ground_rules, validate_file
from .model import SCHEMA_VERSION, SPEAKERS, Bank, BankError, GroundRule, Method, Prompt, Stage, StageRules

__all__ = [
    "Bank", "BankError", "GroundRule", "Method", "Prompt", "Stage", "StageRules",
    "SCHEMA_VERSION", "SPEAKERS",
    "find_bank", "load_bank", "load_bank_text", "load_ground_rules", "shipped_banks", "validate_file",
]
