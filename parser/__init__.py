"""Cleaned text → the structured plan (:mod:`wpclean.schemas` objects).  No I/O.

The whole pipeline (decode, clean, parse) is :mod:`wpclean.document`; this
package is its last stage, entered through :func:`wpclean.parser.plan.build_plan`.
"""
