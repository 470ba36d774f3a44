"""Qt only: windows, dialogs, item models and the worker that keeps I/O off the GUI thread."""
