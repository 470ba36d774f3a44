"""audience-desktop: create external audiences in Adobe Experience Platform."""

__version__ = "0.1.0"
APP_NAME = "audience-desktop"
