"""Les règles du linter, une par module ; les importer les enregistre (voir `lint.py`).

L'ordre de cette liste est celui de `essplan rule --all`.
"""

from . import (  # noqa: F401
    ess101_missing_pilote,
    ess102_missing_indicateurs,
    ess103_incomplete_fiche,
    ess201_unknown_end_date,
    ess202_unknown_start_date,
    ess203_end_before_start,
    ess204_outside_plan_period,
    ess205_late_action,
    ess206_missing_plan_period,
    ess207_imprecise_month,
    ess301_unbudgeted_cost,
    ess302_suspicious_amount,
    ess303_inconsistent_computation,
    ess304_annual_cost_short_action,
    ess305_cost_without_financement,
    ess306_envelope_mismatch,
    ess307_text_amount_mismatch,
    ess308_cost_range,
    ess309_ambiguous_amount,
    ess310_mixed_tax_basis,
    ess401_similar_names,
    ess402_numbering_gap,
    ess501_vote_arithmetic,
    ess502_quorum_not_reached,
    ess503_convocation_delay,
    ess504_attendance_lists_mismatch,
    ess900_unused_suppression,
)
