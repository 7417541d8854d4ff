"""Documents from the project record: templates (content) + the record -> a document model
-> DOCX (python-docx) and PDF (WeasyPrint from HTML). No Django in here."""
