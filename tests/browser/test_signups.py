"""A visitor signs up for the demo's open event on a phone, then cancels.

Screenshots go to test-artifacts/screenshots/signup-*.png.
"""

import re

from playwright.sync_api import expect

from tests.browser.conftest import PHONE, SCREENSHOTS


def test_a_visitor_signs_up_on_a_phone_and_cancels(open_page, demo_site):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = open_page(PHONE)
    page.goto(demo_site.url("signup_event"))
    panel = page.locator(".signup-panel")
    expect(panel).to_be_visible()
    seats_before = int(panel.locator(".signup-seats-left").inner_text())
    panel.get_by_role("link", name="我要报名").click()

    expect(page.get_by_role("heading", name="个人信息处理说明")).to_be_visible()
    # The notice is read before the button: it sits above it on the page.
    notice_box = page.locator(".signup-notice").bounding_box()
    button = page.get_by_role("button", name="提交报名")
    assert notice_box["y"] < button.bounding_box()["y"]
    # The honeypot is off screen, and the form fits the phone's width.
    assert page.locator(".signup-trap input").bounding_box()["x"] < 0
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.get_by_label("姓名").fill("浏览器测试者")
    page.get_by_label("手机号").fill("13899990000")
    # Submitting without consent keeps what was typed and says why.
    button.click()
    expect(page.get_by_text("请阅读并同意个人信息处理说明后再提交。")).to_be_visible()
    expect(page.get_by_label("手机号")).to_have_value("13899990000")
    page.screenshot(path=str(SCREENSHOTS / "signup-form-phone.png"), full_page=True)

    page.get_by_label("我已阅读并同意上述个人信息处理说明").check()
    page.get_by_role("button", name="提交报名").click()
    expect(page.get_by_role("heading", name="报名回执")).to_be_visible()
    expect(page.locator(".signup-status")).to_contain_text("报名成功")
    expect(page.locator(".record__facts")).to_contain_text("138****0000")
    assert "13899990000" not in page.content()
    page.screenshot(path=str(SCREENSHOTS / "signup-receipt-phone.png"), full_page=True)

    page.goto(demo_site.url("signup_event"))
    expect(page.locator(".signup-seats-left")).to_have_text(str(seats_before - 1))
    page.go_back()

    cancel_link = page.locator(".signup-cancel-link")
    cancel_url = cancel_link.get_attribute("href")
    cancel_link.click()
    page.get_by_role("button", name="确认取消").click()
    expect(page.locator(".signup-cancelled")).to_contain_text("已取消报名")
    page.screenshot(path=str(SCREENSHOTS / "signup-cancelled-phone.png"), full_page=True)

    page.goto(demo_site.url("signup_event"))
    expect(page.locator(".signup-seats-left")).to_have_text(str(seats_before))

    # The cancel link works once: opening it again says so (410, expected here).
    response = page.request.get(cancel_url)
    assert response.status == 410
    assert re.search("已使用或已失效", response.text())
