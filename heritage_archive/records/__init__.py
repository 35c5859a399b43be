"""Records: the heritage, inheritor and figure apps, and what every record shares.

The shared part (this package's own modules) is the record registry, citations
and permanent links, the JSON-LD helpers, the admin-listing pieces and the API
fields of related records.
"""
