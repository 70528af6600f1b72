"""Each block an editor can insert renders through its own template, as trainees will see it."""

import datetime

import pytest
from bs4 import BeautifulSoup
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from cms.blocks import (
    BodyBlock,
    CalloutBlock,
    DocumentBlock,
    KeyPointsBlock,
    VideoBlock,
)
from cms.models.scenario import EndingBlock, RoleBlock, StepBlock
from cms.models.study_tour import ItineraryDayBlock

from .media import document, image

pytestmark = pytest.mark.django_db

VIDEO_URL = "https://www.bilibili.com/video/BV1xx411c7mD"


def render(block, raw):
    return BeautifulSoup(block.render(block.to_python(raw)), "html.parser")


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        pytest.param(CalloutBlock(), ["提示", "先到现场,再开协调会。"], id="callout"),
        pytest.param(KeyPointsBlock(), ["要点", "物业、业委会、居民三方共商"], id="key-points"),
        pytest.param(RoleBlock(), ["业委会主任", "担心物业费上涨"], id="role"),
        pytest.param(StepBlock(), ["路灯不亮", "召集三方协调会", "各方到场。"], id="step"),
        pytest.param(EndingBlock(), ["问题解决", "路灯恢复"], id="ending"),
        pytest.param(
            ItineraryDayBlock(),
            ["杭州 · 第一天", "09:00", "参观小区党群服务站", "上城区"],
            id="itinerary-day",
        ),
    ],
)
def test_block_preview_values_render_through_their_templates(block, expected):
    raw = block.get_prep_value(block.get_preview_value())

    text = render(block, raw).get_text()

    for fragment in expected:
        assert fragment in text


def test_itinerary_day_shows_its_date():
    day = ItineraryDayBlock()

    html = render(day, {"day": "2026-05-12", "title": "第一天", "items": []})

    assert html.time["datetime"] == datetime.date(2026, 5, 12).isoformat()


def test_rich_text_block_renders_its_html():
    html = render(BodyBlock().child_blocks["rich_text"], "<p><b>党建引领</b></p>")

    assert html.select_one(".rich-text b").get_text() == "党建引领"


def test_image_block_uses_responsive_renditions_and_the_alt_text_given():
    block = BodyBlock().child_blocks["image"]
    photo = image(title="文件名")
    raw = {"image": {"image": photo.pk, "alt_text": "居民议事会现场", "decorative": False}}

    html = render(block, {**raw, "caption": "议事会"})

    assert html.img["alt"] == "居民议事会现场"
    assert html.img["srcset"]
    assert html.figcaption.get_text() == "议事会"


def test_a_decorative_image_has_empty_alt_text():
    block = BodyBlock().child_blocks["image"]
    raw = {"image": {"image": image().pk, "alt_text": "", "decorative": True}, "caption": ""}

    assert render(block, raw).img["alt"] == ""


def test_document_block_links_the_file_with_its_own_title_by_default():
    doc = document(title="小区党支部工作手册")

    html = render(DocumentBlock(), {"document": doc.pk, "title": ""})

    assert html.a["href"] == doc.url
    assert html.a.get_text() == "小区党支部工作手册"


def test_video_block_embeds_the_player_and_links_the_video_site():
    Embed.objects.create(
        url=VIDEO_URL,
        hash=get_embed_hash(VIDEO_URL),
        type="video",
        html='<iframe src="https://player.bilibili.com/player.html" title="讲座"></iframe>',
    )

    html = render(VideoBlock(), {"video": VIDEO_URL, "caption": "讲座回放"})

    assert html.iframe is not None
    assert html.find("a", href=VIDEO_URL)
    assert "讲座回放" in html.figcaption.get_text()


def test_video_block_still_links_a_video_that_cannot_be_embedded():
    url = "https://example.com/recording/1"

    html = render(VideoBlock(), {"video": url, "caption": ""})

    assert html.iframe is None
    assert html.find("a", href=url)
