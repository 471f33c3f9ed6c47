"""The /suggest page in a real browser: clean in both languages on desktop and phone (no console
error, no CSP violation, nothing off-origin, no sideways scroll, axe), the suggestions shown
with their evidence marked in the text, and pointing at one lights up its words."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from tests.browser.conftest import Page

ZH = "2022年，国际电联协助斯里兰卡建立国家计算机事件响应小组（CIRT），并为30名工作人员举办了网络安全培训。"
EN = "In 2023 ITU helped Chad establish its first Internet exchange point and trained 20 engineers."


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_the_page_is_clean(page: Page, lang: str, device: str) -> None:
    if device == "phone":
        page.phone()
    try:
        page.open(f"/suggest?lang={lang}&text={quote(ZH if lang == 'zh' else EN)}", ".suggestions")
        assert page.status() == 200
        assert page.console_errors() == []
        assert page.csp_violations() == []
        assert page.off_origin(page.requested_urls()) == []
        assert page.sideways() == 0
        assert page.axe_violations() == []
        if lang == "zh":
            assert page.english() == []
    finally:
        page.desktop()


def test_the_form_suggests_and_marks_the_evidence(page: Page) -> None:
    page.open("/suggest?lang=en")
    area = page.driver.find_element(By.ID, "suggest-text")
    area.send_keys(ZH)
    page.driver.find_element(By.CSS_SELECTOR, ".suggest-form button").click()
    page.wait_for("#kind-country .suggestion")
    countries = [e.text for e in page.driver.find_elements(By.CSS_SELECTOR, "#kind-country .chip")]
    assert countries == ["LKA"]
    item = page.driver.find_element(By.CSS_SELECTOR, "#kind-sdgTarget .suggestion")
    assert item.find_element(By.CSS_SELECTOR, ".chip").text == "16.a"
    ActionChains(page.driver).move_to_element(item).perform()
    lit = page.driver.find_elements(By.CSS_SELECTOR, ".suggest-marked mark.lit")
    quotes = [q.text for q in item.find_elements(By.CSS_SELECTOR, "q")]
    assert lit and all(any(m.text in q for q in quotes) for m in lit)
    assert page.console_errors() == [] and page.csp_violations() == []
