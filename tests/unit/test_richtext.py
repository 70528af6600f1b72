"""The sanitiser for trainees' rich text: an allow-list, whatever the browser or a hand-made
request sends."""

import pytest

from courses.richtext import (
    richtext_clean,
    richtext_from_plain,
    richtext_to_plain,
    richtext_to_text,
)


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<p>Hello<script>alert('x')</script></p>", "<p>Hello</p>"),
        ('<p><img src="x" onerror="alert(1)">Hi</p>', "<p>Hi</p>"),
        ('<p onclick="steal()" onmouseover="x()">Hi</p>', "<p>Hi</p>"),
        ('<p style="position:fixed;top:0">Hi</p>', "<p>Hi</p>"),
        ('<iframe src="https://evil.example/"></iframe><p>Hi</p>', "<p>Hi</p>"),
        ("<style>body{display:none}</style><p>Hi</p>", "<p>Hi</p>"),
        ('<svg onload="alert(1)"><circle/></svg><p>Hi</p>', "<p>Hi</p>"),
        ('<form action="/x"><input name="a"><button>Go</button></form>', "Go"),
        ("<p>Hi<!-- a comment --></p>", "<p>Hi</p>"),
        ('<object data="x.swf"></object><embed src="x.swf"><p>Hi</p>', "<p>Hi</p>"),
    ],
)
def test_dangerous_markup_is_removed(dirty, clean):
    assert richtext_clean(dirty) == clean


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java&#x09;script:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        "/admin/",
    ],
)
def test_links_keep_only_web_and_mail_addresses(href):
    cleaned = richtext_clean(f'<a href="{href}">link</a>')

    assert "href" not in cleaned
    assert "link" in cleaned


def test_web_links_are_kept_and_marked_as_outside_links():
    cleaned = richtext_clean('<a href="https://www.gov.cn/" target="_blank">link</a>')

    assert cleaned == '<a href="https://www.gov.cn/" rel="noopener noreferrer nofollow">link</a>'


def test_the_editors_formatting_is_kept():
    html = (
        "<p>第一段<strong>加粗</strong><b>粗</b><em>斜体</em><i>斜</i><br>换行</p>"
        "<div>块</div><ul><li>一</li><li>二</li></ul><ol><li>1</li></ol>"
    )

    assert richtext_clean(html) == html


def test_unknown_tags_are_unwrapped_but_their_text_is_kept():
    assert (
        richtext_clean("<p><span class='x'>社区</span><font>书记</font></p>") == "<p>社区书记</p>"
    )


def test_plain_text_becomes_escaped_paragraphs():
    html = richtext_from_plain("第一段 <script>alert(1)</script>\n第二行\n\n第二段")

    assert html == (
        "<p>第一段 &lt;script&gt;alert(1)&lt;/script&gt;<br>第二行</p>\n\n<p>第二段</p>"
    )


def test_text_without_markup_keeps_its_paragraphs_and_reads_as_words():
    html = "<p>甲 &amp; 乙</p><p>丙<br>丁</p><ul><li>一</li><li>二</li></ul>"

    assert richtext_to_plain(html) == "甲 & 乙\n\n丙\n丁\n\n• 一\n• 二"
    assert richtext_to_text(html) == "甲 & 乙 丙 丁 一 二"
    assert richtext_to_text("<p> </p><p><br></p>") == ""
