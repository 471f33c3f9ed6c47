"""baap-kg: the ITU-D Buenos Aires Action Plan report as a knowledge graph."""

__version__ = "0.1.0"
