"""Checking a whole bank: its top-level fields, check-in and review prompts, and each stage with
its rules, prompts and methods. Every problem is found, not just the first."""

from __future__ import annotations

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .fields import ID_RE, FieldChecker, describe, scalar_of, short, within
from .model import SCHEMA_VERSION, SPEAKERS, Bank, Method, Prompt, Stage, StageRules

MINUTES_RANGE = (1, 120)
TOTAL_RANGE = (1, 600)
GROUP_RANGE = (1, 30)
DEFAULT_GROUP = (2, 12)
DEFAULT_CHECKIN_MINUTES = 3

TOP_KEYS = (
    "schema", "id", "name", "description", "group_size", "total_minutes", "checkin", "stages", "review",
)
STAGE_KEYS = ("id", "title", "purpose", "minutes", "speaker", "guidance", "rules", "prompts", "methods")
RULE_KEYS = ("questions_only", "advice_allowed", "presenter_listens", "uninterrupted", "planning")


class BankChecker(FieldChecker):
    """Checks a bank's node tree and builds the :class:`~.model.Bank`, or notes why it cannot."""

    def prompts(
        self, fields: dict, key: str, owner: str, item_label, must_ask: bool, why: str
    ) -> tuple[Prompt, ...]:
        items = self.sequence(fields, key, owner)
        out: list[Prompt] = []
        for j, item in enumerate(items or (), start=1):
            label = item_label(j)
            if not isinstance(item, MappingNode):
                self.err(item, f"{label} must be a mapping like {{text: ..., purpose: ...}}, got {describe(item)}")
                continue
            f = self.mapping(item, label, ("text", "purpose"), ("text", "purpose"))
            if f is None:
                continue
            text = self.text(f, "text", label)
            purpose = self.text(f, "purpose", label)
            if text is not None and must_ask and not text.endswith("?"):
                self.err(f["text"][1], f"{label} must be a question ending in '?'{why}: '{short(text)}'")
                text = None
            if text is not None and purpose is not None:
                out.append(Prompt(text, purpose))
        return tuple(out)

    def methods(self, fields: dict, owner: str) -> tuple[Method, ...]:
        out: list[Method] = []
        for j, item in enumerate(self.sequence(fields, "methods", owner) or (), start=1):
            label = f"method {j} of {owner}"
            f = self.mapping(item, label, ("name", "description"), ("name", "description"))
            if f is None:
                continue
            name = self.text(f, "name", label)
            description = self.text(f, "description", label)
            if name is not None and description is not None:
                out.append(Method(name, description))
        return tuple(out)

    def stage(self, node: Node, index: int, seen: dict[str, int]) -> Stage | None:
        label = f"stage {index}"
        if isinstance(node, MappingNode):  # name the stage by its id as early as possible
            for k, v in node.value:
                if isinstance(k, ScalarNode) and k.value == "id" and isinstance(v, ScalarNode):
                    if scalar_of(v)[0] == "str" and ID_RE.fullmatch(v.value.strip()):
                        label = f"stage '{v.value.strip()}'"
                    break
        f = self.mapping(node, label, STAGE_KEYS, ("id", "title", "purpose", "minutes", "speaker"))
        if f is None:
            return None
        n_before = len(self.errors)
        sid = self.ident(f, "id", label)
        if sid is not None:
            id_node = f["id"][1]
            if sid in seen:
                self.err(id_node, f"duplicate stage id '{sid}' (first used on line {seen[sid]})")
            else:
                seen[sid] = id_node.start_mark.line + 1
        title = self.text(f, "title", label)
        purpose = self.text(f, "purpose", label)
        guidance = self.text(f, "guidance", label, default="")
        minutes = self.integer(f, "minutes", label, *MINUTES_RANGE)
        speaker = self.text(f, "speaker", label)
        if speaker is not None and speaker not in SPEAKERS:
            self.err(
                f["speaker"][1],
                f"speaker{within(label)} must be one of {', '.join(SPEAKERS)}; got '{short(speaker)}'",
            )
        rules = StageRules()
        if "rules" in f:
            rlabel = f"the rules of {label}"
            rf = self.mapping(f["rules"][1], rlabel, RULE_KEYS, (), what=f"rules{within(label)}")
            if rf is not None:
                rules = StageRules(**{k: self.boolean(rf, k, rlabel) for k in RULE_KEYS})
                if rules.questions_only and rules.advice_allowed:
                    self.err(
                        rf["advice_allowed"][0],
                        f"{label} cannot have both questions_only and advice_allowed",
                    )
                if rules.presenter_listens and speaker == "presenter":
                    self.err(
                        rf["presenter_listens"][0],
                        f"{label} cannot have presenter_listens when the speaker is the presenter",
                    )
        if rules.questions_only:
            pnode = f["prompts"][1] if "prompts" in f else None
            if pnode is None:
                self.err(node, f"{label} is questions_only, so it needs prompts (at least one question)")
            elif (isinstance(pnode, SequenceNode) and not pnode.value) or (
                isinstance(pnode, ScalarNode) and scalar_of(pnode)[0] == "null"
            ):
                self.err(pnode, f"prompts{within(label)} must not be empty (the stage is questions_only)")
        prompts = self.prompts(
            f, "prompts", label, lambda j: f"prompt {j} of {label}", rules.questions_only,
            " (the stage is questions_only)",
        )
        methods = self.methods(f, label)
        if len(self.errors) != n_before:
            return None
        return Stage(sid, title, purpose, minutes, speaker, guidance, rules, prompts, methods)  # type: ignore[arg-type]

    def bank(self, root: Node | None, path: str) -> Bank | None:
        if root is None:
            self.err(1, "the bank is empty")
            return None
        f = self.mapping(root, "", TOP_KEYS, ("schema", "id", "name", "stages"), what="the bank")
        if f is None:
            return None
        if "schema" in f:
            node = f["schema"][1]
            kind, value = scalar_of(node) if isinstance(node, ScalarNode) else ("node", None)
            if kind != "int":
                self.err(node, f"schema must be a whole number, got {describe(node)}")
            elif value > SCHEMA_VERSION:  # type: ignore[operator]
                self.err(node, f"schema {value} is newer than this app supports ({SCHEMA_VERSION}); update als-tui")
            elif value < 1:  # type: ignore[operator]
                self.err(node, f"schema must be {SCHEMA_VERSION}, got {value}")
        bank_id = self.ident(f, "id", "")
        name = self.text(f, "name", "")
        description = self.text(f, "description", "", default="")
        total = self.integer(f, "total_minutes", "", *TOTAL_RANGE, default=None)

        gmin, gmax = DEFAULT_GROUP
        if "group_size" in f:
            gf = self.mapping(f["group_size"][1], "group_size", ("min", "max"), ())
            if gf is not None:
                lo = self.integer(gf, "min", "group_size", *GROUP_RANGE, default=gmin)
                hi = self.integer(gf, "max", "group_size", *GROUP_RANGE, default=gmax)
                if lo is not None and hi is not None:
                    if lo > hi:
                        self.err(f["group_size"][1], f"group_size min ({lo}) is larger than max ({hi})")
                    gmin, gmax = lo, hi

        checkin_minutes, checkin_prompts = DEFAULT_CHECKIN_MINUTES, ()
        if "checkin" in f:
            cf = self.mapping(f["checkin"][1], "checkin", ("minutes_per_member", "prompts"), ())
            if cf is not None:
                checkin_minutes = self.integer(
                    cf, "minutes_per_member", "checkin", *MINUTES_RANGE, default=DEFAULT_CHECKIN_MINUTES
                )
                checkin_prompts = self.prompts(cf, "prompts", "checkin", lambda j: f"checkin prompt {j}", True, "")  # type: ignore[assignment]

        review_prompts: tuple[Prompt, ...] = ()
        if "review" in f:
            rf = self.mapping(f["review"][1], "review", ("prompts",), ())
            if rf is not None:
                review_prompts = self.prompts(rf, "prompts", "review", lambda j: f"review prompt {j}", True, "")

        stages: list[Stage] = []
        items = self.sequence(f, "stages", "")
        if items is not None and not items:
            self.err(f["stages"][1], "stages must not be empty: a bank needs at least one stage")
        seen: dict[str, int] = {}
        for i, item in enumerate(items or (), start=1):
            stage = self.stage(item, i, seen)
            if stage is not None:
                stages.append(stage)

        if self.errors:
            return None
        return Bank(
            id=bank_id, name=name, description=description,  # type: ignore[arg-type]
            group_min=gmin, group_max=gmax, total_minutes=total,
            checkin_minutes=checkin_minutes, checkin_prompts=checkin_prompts,
            stages=tuple(stages), review_prompts=review_prompts, path=path,
        )
