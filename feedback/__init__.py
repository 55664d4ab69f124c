"""Feedback a person chose to give: anonymised before anything keeps it (issue 16).

A library like directory/: it knows no web layer and no Rasa, and takes paths and clients as
arguments; only entry points read settings.
"""
