import pytest
from wagtail import blocks
from wagtail.documents.models import Document
from wagtailmedia.models import Media

from hub.blocks import BaseStreamBlock, CallToActionBlock
from hub.factories import StandardPageFactory
from hub.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_with_every_block(demo_site):
    about = StandardPage.objects.get(slug="about", locale=demo_site.locale)
    document = Document.objects.first()
    audio = Media.objects.filter(type="audio").first()
    body = [
        ("fact_box", {"title": "Did you know?", "text": "<p>Cities use 78%.</p>"}),
        ("document_link", {"document": document, "link_text": ""}),
        ("related_pages", {"heading": "Read on", "pages": [about]}),
        ("media", audio),
        ("quote", {"text": "No one can do it alone.", "attribution": "The hub"}),
    ]
    return StandardPageFactory(parent=demo_site, slug="blocks", body=body), document


def test_every_body_block_renders(client, page_with_every_block):
    page, document = page_with_every_block
    html = client.get(page.url).text
    assert "Did you know?" in html
    assert f'href="{document.url}"' in html
    assert "(PDF," in html
    assert 'href="/en/about/"' in html
    assert "<audio controls" in html
    assert "No one can do it alone." in html


def test_call_to_action_needs_exactly_one_link():
    block = CallToActionBlock()
    value = block.to_python(
        {"heading": "Join", "link_text": "Go", "link_url": "", "link_page": None}
    )
    with pytest.raises(blocks.StructBlockValidationError) as error:
        block.clean(value)
    assert "link_url" in error.value.block_errors


def test_every_block_has_an_icon_a_template_and_a_group_or_label():
    for name, block in BaseStreamBlock().child_blocks.items():
        assert block.meta.icon, name
        assert getattr(block.meta, "template", None), name
