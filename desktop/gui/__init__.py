"""The GUI composition root, in parts (``desktop/app.py`` runs them in order):

- ``demo``: the built-in simulator and its accounts, for ``main.py demo``;
- ``background``: the platform services (sync, outbox) that run while the application runs,
  whoever is signed in and even while the screen is locked;
- ``signin``: who is at the desk (sign-in dialog, first admin, idle lock);
- ``desk``: one officer's main window — inbox, case panel, alerts, status bar — wired to the
  services and to the background's events;
- ``settings``: the settings dialog, created on first use.

These modules are the only GUI code that knows every layer; widgets get callables from here.
"""
