"""SMS: a text conversation over Twilio's webhook (api/routers/sms.py is its door).

- `conversation`: one inbound text through keywords, the safety question, choices and Rasa;
- `state`: what a number's conversation keeps in Redis between texts, and its locks and limits;
- `text`: fitting words into GSM-7 or UCS-2 segments;
- `words`: the SMS journey's own sentences;
- `pseudonym`: the keyed hash that stands for a number everywhere.
"""
