"""Intents grouped by whose story they answer: one list for the story reader, which corrects a
reply that would not fit the writer, and for the learned speaker reader, which learns from them."""

OWN_INTENTS = frozenset(
    {"worried_about_own_behaviour", "ask_change_behaviour", "own_behaviour_urgent"}
)
# Replies written to the person harmed ("it is not your fault"): never for someone who harms.
SURVIVOR_INTENTS = frozenset(
    {
        "for_myself", "ask_my_fault", "worry_not_believed", "ask_is_this_abuse",
        "ask_coercive_control", "ask_emotional_abuse", "ask_physical_abuse", "ask_sexual_abuse",
        "ask_economic_abuse", "ask_tech_abuse", "ask_stalking", "ask_threats",
        "ask_honour_abuse", "ask_family_abuse", "ask_child_to_parent_abuse",
        "ask_older_people_abuse", "ask_post_separation_abuse",
    }
)  # fmt: skip
OTHER_INTENTS = frozenset({"worried_about_someone", "ask_how_to_help", "worried_about_child"})
DANGER_INTENTS = frozenset({"danger_immediate", "danger_suicide"})
