"""The seed material's themes, activity types and other fixed vocabularies, translated."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

THEMES = {
    "decentralisation": _l("Decentralisation"),
    "intercultural": _l("Inter-cultural exchange"),
    "technical_knowhow": _l("Technical know-how exchange"),
    "good_governance": _l("Good governance"),
    "policy_development": _l("Policy development"),
    "local_economy": _l("Local economic development"),
    "social_development": _l("Social development"),
    "environment": _l("Protection of the environment"),
    "crisis_management": _l("Crisis management"),
    "knowhow_innovation": _l("Exchange of know-how (innovation, management technologies)"),
    "research": _l("Research & development"),
}

ACTIVITY_TYPES = {
    "regular_events": _l("Regular events (festival, conference, seminar, training)"),
    "study_visits": _l("Study visits"),
    "capacity_building": _l("Capacity building"),
    "project_implementation": _l("Project implementation"),
    "personnel_exchange": _l("Personnel exchange"),
    "knowhow_networks": _l("Networks for information and know-how exchange"),
    "monitoring": _l("Analysis, monitoring and evaluation"),
    "information_systems": _l("Sharing innovative information systems"),
    "shared_tools": _l("Shared procedures, guides and tools"),
    "legislation": _l("Improving legislation"),
    "standards": _l("International standards"),
}

PARTNERSHIP_STATUSES = {
    "proposed": _l("Proposed"),
    "active": _l("Active"),
    "dormant": _l("Dormant"),
    "ended": _l("Ended"),
}

CEFR_LEVELS = {
    "A1": _l("A1 – beginner"),
    "A2": _l("A2 – elementary"),
    "B1": _l("B1 – intermediate"),
    "B2": _l("B2 – upper intermediate"),
    "C1": _l("C1 – advanced"),
    "C2": _l("C2 – proficient"),
    "native": _l("Native speaker"),
}

MEMBER_ROLES = {
    "staff": _l("Staff"),
    "coordinator": _l("Coordinator"),
}

SITE_ROLES = {
    "user": _l("User"),
    "moderator": _l("Moderator"),
    "admin": _l("Administrator"),
}


def choices(vocabulary: dict) -> list[tuple[str, object]]:
    return list(vocabulary.items())


# --- personnel exchange ---------------------------------------------------------------------

EXCHANGE_FORMATS = {
    "study_visit": _l("Study visit"),
    "job_shadowing": _l("Job shadowing"),
    "secondment": _l("Secondment / placement"),
    "expert_mission": _l("Expert mission"),
    "training": _l("Training"),
}

EXCHANGE_COSTS = {
    "travel": _l("Travel"),
    "accommodation": _l("Accommodation"),
    "daily_allowance": _l("Daily allowance"),
}
