"""Tools around the core: demo data for trying the program and for benchmarks."""
