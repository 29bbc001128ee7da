"""A clause serving one protection does not by itself address another (samples README)."""
from __future__ import annotations

from checker.api import check_text

FREEZE = ("ARTICLE 7 ORGANIZING\n\n7.1 The Employer, its supervisors, consultants and agents shall not contact, "
          "invite or threaten to contact immigration authorities about any employee, applicant or organizer.\n\n"
          "7.2 During any organizing campaign, bargaining or other labor dispute the Employer shall not start "
          "any self-audit of Forms I-9, reverification, E-Verify enrollment or action prompted by a Social "
          "Security no-match letter, except where federal law compels it.\n")


def test_engine_overlap_freeze_does_not_address_the_no_match_protocol():
    findings = {f.protection: f for f in check_text(FREEZE).findings}
    assert findings["ice_neutrality_no_employer_triggered_enforcement"].status == "matching"
    assert findings["ssa_no_match_protocol"].status == "missing"
    assert findings["ssa_no_match_protocol"].evidence == []


def test_engine_a_disclaimed_article_addresses_nothing():
    doc = ("ARTICLE 11 RECRUITMENT\n\n11.1 The Hospital sponsors visas for recruited nurses and pays the filing fees, "
           "and holds the position of a nurse delayed abroad by visa processing for ninety (90) days.\n\n"
           "11.2 Nothing in this Article creates any right or obligation under this Agreement.\n")
    finding = next(f for f in check_text(doc).findings if f.protection == "international_worker_visa_support")
    assert finding.status == "missing"


def test_engine_rejected_proposals_address_nothing():
    doc = ("Union Proposals U-14.12 through U-14.16 (no retaliation; no threats to report employees to immigration "
           "authorities) -- REJECTED\n\nARTICLE 15 WAGES\n\n15.1 Wages are set out in Appendix A.\n")
    finding = next(f for f in check_text(doc).findings if f.protection == "anti_retaliation_immigration_threats")
    assert finding.status == "missing"
