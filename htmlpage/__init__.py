"""HTML pages as scrapers save them: the body without chrome, the page's own metadata.

Imported only when an input is HTML (:func:`wpclean.document.process_bytes`
decides), so a text run never loads the HTML parser.  The extractor is
:func:`wpclean.html.extract.extract`; its tables are in ``data/``.
"""
