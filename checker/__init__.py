"""clausecheck: check contracts for mixed-status worker protections.

Pipeline: ingest -> structure -> annotate -> find -> grade -> report. Each stage lives in
its own module and hands the next a plain value object.
"""

__version__ = "0.1.0"
