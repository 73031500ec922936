"""What a plan or a journal looks like outside the app: plain text for a terminal, CSV for a
spreadsheet, the PDF report for the doctor (``report``), the JSON backup (``backup``), the journal as
CSV (``journal_csv``), FHIR R4 (``fhir``) and iCalendar (``calendar``); ``account`` holds one person's
data as the plain values they all read.

One module per format, each taking plain domain data and returning text or bytes. Nothing here reads
the database or the network (the report reads only its own typst template), and no dose is computed
here that the planner did not compute: summaries (adherence, weekly means) only count what was recorded.
"""
