"""Les règles du linter, une par module, et leur registre : la liste explicite `RULES`, dans
l'ordre de `essplan rule --all`. Rien ne s'inscrit à l'import : une règle absente de cette
liste ne passe pas.

Ajouter une règle : un module `essNNN_nom.py` (voir CONTRIBUTING.md), puis une ligne ici.
"""

from __future__ import annotations

from ..rule import Rule
from . import (
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
    ess403_id_form,
    ess501_vote_arithmetic,
    ess502_quorum_not_reached,
    ess503_convocation_delay,
    ess504_attendance_lists_mismatch,
    ess601_late_milestone,
    ess602_stale_action,
    ess603_status_mismatch,
    ess604_spending_over_cost,
    ess605_missing_indicator_value,
    ess606_journal_inconsistent,
    ess607_funding_over_cost,
    ess900_unused_suppression,
)

RULES: tuple[Rule, ...] = (
    ess101_missing_pilote.check,
    ess102_missing_indicateurs.check,
    ess103_incomplete_fiche.check,
    ess201_unknown_end_date.check,
    ess202_unknown_start_date.check,
    ess203_end_before_start.check,
    ess204_outside_plan_period.check,
    ess205_late_action.check,
    ess206_missing_plan_period.check,
    ess207_imprecise_month.check,
    ess301_unbudgeted_cost.check,
    ess302_suspicious_amount.check,
    ess303_inconsistent_computation.check,
    ess304_annual_cost_short_action.check,
    ess305_cost_without_financement.check,
    ess306_envelope_mismatch.check,
    ess307_text_amount_mismatch.check,
    ess308_cost_range.check,
    ess309_ambiguous_amount.check,
    ess310_mixed_tax_basis.check,
    ess401_similar_names.check,
    ess402_numbering_gap.check,
    ess403_id_form.check,
    ess501_vote_arithmetic.check,
    ess502_quorum_not_reached.check,
    ess503_convocation_delay.check,
    ess504_attendance_lists_mismatch.check,
    ess601_late_milestone.check,
    ess602_stale_action.check,
    ess603_status_mismatch.check,
    ess604_spending_over_cost.check,
    ess605_missing_indicator_value.check,
    ess606_journal_inconsistent.check,
    ess607_funding_over_cost.check,
    ess900_unused_suppression.check,
)

# ESS900 : le moteur produit ce constat (une suppression qui ne sert pas) ; la règle en porte le
# code, le nom, la sévérité et la documentation.
UNUSED_SUPPRESSION = ess900_unused_suppression.check
