"""How Lantern reads a message: danger, language, what people say about themselves, whose
story it is. Plain Python and scikit-learn, so the Rasa components (bot/components) and the
SMS gateway (api/sms) share one reading; nothing here imports Rasa, rasa-sdk or a web framework
(tests/reading/test_plain.py checks)."""
