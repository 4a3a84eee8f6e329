"""Painting the radar scene to files (PNG, SVG, PDF) and images, without dialogs."""
