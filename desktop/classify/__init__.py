"""Triage intelligence: category, confidence and urgency for each item, offline.

``features`` turns a text into the views the model reads; ``model`` is the linear model (TF-IDF
character and word n-grams, logistic regression) saved without pickle; ``rules`` are the
transparent overrides; ``classifier`` puts them together with urgency and personal data;
``training`` builds and evaluates a model. Nothing here imports Qt or SQL.
"""
