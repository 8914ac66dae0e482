"""A rule set compiled for deciding, with the stores where repeated results are kept.

The rule set itself (`wijzer.ruleset`) is pure data. `compile_rules` builds, once per rule
set, what deciding needs: the level decision (`wijzer.kernel`), the predicates of the
tip, warning and segment rules, and named stores, each with its own key type, for results
that depend only on the rule set and their key. A batch shares one compiled rule set over
all its projects, so a reason, a tip or a group's what-if table is made once per distinct
situation instead of once per project.

Two kinds of store (see `wijzer.memo`): unbounded ones, whose keys come from the rule set's
own finite space (a reason is a rule, an effect and the answers that made it fire), and
bounded ones (`RECENT`), whose keys vary per project (which tip rules fired).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING, TypeVar

from wijzer.advice import ChangeSet, ChosenTip, GroupAdvice, Reason, Unknown
from wijzer.conditions import Predicate, compile_condition
from wijzer.kernel import Aggregate, LevelDecision
from wijzer.memo import Memo
from wijzer.ruleset import Frozen, LevelEffect, Rule, RuleSet, Segment

if TYPE_CHECKING:
    from wijzer.evaluation import Table, TableKey
    from wijzer.whatif import Move, RankedSingle

M = TypeVar("M", bound=Frozen)

RECENT = 4096
"""How many per-project results a bounded store keeps before it starts afresh."""

ReasonKey = tuple[str, LevelEffect, tuple[tuple[str, tuple[str, ...]], ...], bool]
"""(rule, effect, the answers that made it fire, whether it decided)."""
RankedTip = tuple[tuple[int, int, int], ChosenTip]
"""A chosen tip with its place in the list (category, weight, position)."""
SortedReason = tuple[tuple[bool, int, int, int, int], Reason]
"""A reason with its place in the list."""


class Compiled:
    """A rule set compiled once: what deciding needs, and where its results are kept."""

    def __init__(self, rs: RuleSet) -> None:
        self.rs = rs
        self.decision = LevelDecision(rs)
        """The level rules, compiled for deciding and re-deciding fast."""
        self.tip_rules: tuple[tuple[Rule, Predicate], ...] = tuple(
            (r, compile_condition(r.als, rs.rank)) for r in rs.regels if r.tips
        )
        self.warning_rules: tuple[tuple[Rule, Predicate], ...] = tuple(
            (r, compile_condition(r.als, rs.rank)) for r in rs.regels if r.waarschuwing
        )
        self.segment_rules: tuple[tuple[Segment, Predicate], ...] = tuple(
            (s, compile_condition(s.als, rs.rank)) for s in rs.segmenten
        )
        # --- stores: the rule set's own space ------------------------------------------------
        self.models: Memo[tuple[Hashable, ...], Frozen] = Memo()
        """Small immutable result objects by content (see `shared`)."""
        self.reasons: Memo[ReasonKey, Reason] = Memo()
        self.unknowns: Memo[tuple[str, tuple[tuple[str, str], ...]], Unknown] = Memo()
        """Per question and the level under each of its options."""
        self.ranked_tips: Memo[tuple[str, tuple[int, ...]], RankedTip] = Memo()
        """Per tip and the tip rules that chose it."""
        self.change_sets: Memo[tuple[tuple[Move, ...], int, str], ChangeSet] = Memo()
        """Per set of moves, the level they reach and the direction."""
        # --- stores: per group of questions (see `wijzer.evaluation`) --------------------------
        self.tables: tuple[dict[TableKey, Table], ...] = tuple({} for _ in self.decision.groups)
        """Per group: its tables made so far, by the group's answers."""
        self.group_reasons: dict[tuple[Table, Aggregate], tuple[SortedReason, ...]] = {}
        self.group_singles: dict[tuple[Table, Aggregate], tuple[RankedSingle, ...]] = {}
        self.group_unknowns: dict[
            tuple[Table, Aggregate], tuple[tuple[str, dict[str, str]], ...]
        ] = {}
        """What a group contributes to an advice (its reasons, single changes, unknown
        answers' levels), per group table and aggregate of the other groups."""
        # --- stores: per project, bounded --------------------------------------------------
        self.tips: Memo[tuple[int, ...], tuple[ChosenTip, ...]] = Memo(RECENT)
        """Per set of fired tip rules."""
        self.groups: Memo[tuple[int, tuple[int, ...]], tuple[GroupAdvice, ...]] = Memo(RECENT)
        """Per level and set of applying segments."""

    def shared(self, model: type[M], **fields: Hashable) -> M:
        """An immutable result object, built once per distinct content and then shared:
        advice parts repeat across projects, and building a model costs more than a lookup."""
        return self.models((model, *fields.items()), lambda: model(**fields))


def compile_rules(rs: RuleSet) -> Compiled:
    """The rule set compiled for deciding (see `Compiled`); compile once, decide many times."""
    return Compiled(rs)
