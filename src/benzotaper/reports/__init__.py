"""What a plan or a journal looks like outside the app: plain text for a terminal, CSV for a
spreadsheet, and later the PDF report, JSON backup, FHIR and iCalendar exports.

One module per format, each taking plain domain data and returning text or bytes. Nothing here reads
files, the database or the network, and no figure is computed here that the planner did not compute.
"""
