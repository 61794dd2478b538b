"""Atom that never breaks on what an editor pasted.

XML 1.0 cannot carry most control characters, and Django's feed writer raises on them: one
stray bell or escape copied from a PDF into a quote would turn every feed it appears in into
a 500. The admin refuses them on entry; this drops any that reached the database another way.
"""

from django.utils.feedgenerator import Atom1Feed
from django.utils.xmlutils import SimplerXMLGenerator

from core.printable import CONTROL_CHARACTERS


class _PrintableXMLGenerator(SimplerXMLGenerator):
    def characters(self, content):
        super().characters(CONTROL_CHARACTERS.sub("", content) if content else content)


class PrintableAtom1Feed(Atom1Feed):
    def write(self, outfile, encoding):
        handler = _PrintableXMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")
