"""The shared document library of every workspace: /p/<slug>/library."""
