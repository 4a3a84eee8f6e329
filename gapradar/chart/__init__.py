"""The radar chart: one scene built from a ChartSpec, shown on screen and painted to files."""
