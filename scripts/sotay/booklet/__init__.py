"""The volunteer kit: booklets and practice sheets (PDF).

ReportLab checks every attribute of every graphics shape as it is set, a help while drawing by
hand; the kit's shapes are made by mockdraw.py from checked SVG, and the checking was a tenth of the
kit's cold build (issue 17). It is switched off before any module of the kit imports
reportlab.graphics; the pages drawn are the same either way."""
from reportlab import rl_config

rl_config.shapeChecking = 0
