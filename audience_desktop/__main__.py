"""``python -m audience_desktop`` starts the window (``python -m audience_desktop.cli`` the console)."""

import sys

from audience_desktop.app import main

sys.exit(main())
