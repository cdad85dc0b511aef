"""``reportlint serve`` in a real headless Chromium driven by Selenium (Debian ``chromium`` and
``chromium-driver``): drop three files (one broken), read the rows, open a report, click a
highlighted finding, switch the role layer, download the results.

With ``REPORTLINT_SHOTS=目录`` the test also saves a screenshot of each view there (the ones in
docs/ were made so).
"""
from __future__ import annotations

import base64
import json
import os
import shutil
import time

import pytest

pytest.importorskip("starlette", reason="reportlint[serve] 未安装")
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium 未安装（pip install '.[test]'）")

from serve_server import running  # noqa: E402

pytestmark = pytest.mark.slow

GOOD = ("关于社区工作的汇报\n一、基本情况\n今年到社区报到×人，共走访XX户。\n"
        "二、存在的问题\n部分楼栋的走访记录不完整，个别网格员对新系统不熟悉。\n"
        "三、下一步打算\n下一步，我们将在年底前完成全部楼栋的走访。\n")
INJECT = "关于××的汇报\n<script>document.title='被注入'</script>××<b>粗体</b>\n"
DRIVER = "/usr/bin/chromedriver"
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
def browser(tmp_path):
    if not (os.path.exists(DRIVER) and os.path.exists(CHROMIUM)):
        pytest.fail("需要 chromium 和 chromium-driver：apt-get install -y chromium chromium-driver")
    from selenium.webdriver.chrome.service import Service

    downloads = tmp_path / "downloads"
    downloads.mkdir()
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--window-size=1400,1000", "--lang=zh-CN"):
        opts.add_argument(a)
    opts.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                           "download.prompt_for_download": False})
    drv = webdriver.Chrome(service=Service(DRIVER), options=opts)
    drv.set_page_load_timeout(60)
    drv.downloads = downloads
    yield drv
    drv.quit()


def wait(drv, script, timeout=60):
    """Poll a JavaScript expression until it is truthy; returns its value."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        v = drv.execute_script("return " + script)
        if v:
            return v
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for: {script}")


def drop(drv, files):
    """Fire a real drop event on the drop zone with a DataTransfer holding ``files``."""
    payload = [[name, base64.b64encode(data).decode()] for name, data in files]
    drv.execute_script("""
        var dt = new DataTransfer();
        arguments[0].forEach(function (f) {
          var bin = atob(f[1]), bytes = new Uint8Array(bin.length);
          for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
          dt.items.add(new File([bytes], f[0]));
        });
        var zone = document.querySelector('#drop');
        zone.dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true}));
        zone.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
    """, payload)


def shot(drv, name):
    folder = os.environ.get("REPORTLINT_SHOTS")
    if folder:
        drv.save_screenshot(os.path.join(folder, name))


def rows(drv):
    return drv.execute_script("""return Array.prototype.map.call(document.querySelectorAll('#rows tbody tr'),
        function (tr) { return Array.prototype.map.call(tr.cells, function (c) {
          return c.firstChild ? c.firstChild.textContent : ''; }); });""")


def test_drop_open_click_roles_download(tmp_path, browser):
    drv = browser
    with running(tmp_path) as (url, mgr):
        drv.get(url + "/")
        wait(drv, "document.documentElement.getAttribute('data-js') === 'ready'")
        drop(drv, [("社区汇报.txt", GOOD.encode()), ("损坏.docx", b"\x00\x01garbage" * 40),
                   ("注入.txt", INJECT.encode())])
        wait(drv, "document.documentElement.getAttribute('data-state') === 'done'")
        got = {r[0]: r for r in rows(drv)}
        assert sorted(got) == ["损坏.docx", "注入.txt", "社区汇报.txt"]
        assert got["损坏.docx"][1] == "无法读取"
        assert got["社区汇报.txt"][1] == "有错误" and int(got["社区汇报.txt"][6]) == 2  # × and XX
        assert got["注入.txt"][1] == "有错误"
        assert drv.title == "reportlint 报告检查"  # the report's <script> did not run
        # sort by 占位符 (descending first for numbers), then filter by status
        drv.find_element("css selector", "#rows th[data-key=placeholders]").click()
        assert [r[0] for r in rows(drv)][-1] == "损坏.docx"
        assert [r[6] for r in rows(drv)] == [got["社区汇报.txt"][6], got["注入.txt"][6], ""]
        assert drv.find_element("css selector", "#rows th[data-key=placeholders]").get_attribute("class") == "num desc"
        drv.find_element("css selector", "#filter").send_keys("注入")
        assert [r[0] for r in rows(drv)] == ["注入.txt"]
        drv.find_element("css selector", "#filter").clear()
        drv.execute_script("document.querySelector('#filter').dispatchEvent(new Event('input'))")
        drv.execute_script("var s=document.querySelector('#status-filter'); s.value='unreadable';"
                           "s.dispatchEvent(new Event('change'));")
        assert [r[0] for r in rows(drv)] == ["损坏.docx"]
        drv.execute_script("var s=document.querySelector('#status-filter'); s.value='';"
                           "s.dispatchEvent(new Event('change'));")
        shot(drv, "serve-files.png")

        # open the good report and click the highlighted ×
        drv.find_element("xpath", "//tr[td[1]='社区汇报.txt']").click()
        wait(drv, "document.querySelectorAll('#doc .line').length > 0")
        mark = drv.find_element("css selector", "mark[data-codes~=PH001]")
        assert mark.text == "×" and "sev-error" in mark.get_attribute("class")
        mark.click()
        popup = drv.find_element("css selector", "#popup")
        assert popup.is_displayed()
        assert popup.find_element("css selector", ".code").text == "PH001"
        assert popup.find_element("css selector", ".message").text == "占位符“×”未替换为实际内容"
        link = popup.find_element("css selector", "a")
        assert link.get_attribute("href") == url + "/rules/PH001"
        outline = [e.text for e in drv.find_elements("css selector", "#outline li > span")]
        assert outline == ["基本情况", "存在的问题", "下一步打算"]

        # the role layer: off, then on (a badge per paragraph), then off again
        plan_line = "document.querySelector('#doc .line[data-line=\"7\"]')"
        assert drv.execute_script(f"return {plan_line}.getAttribute('data-label')") == "plan"
        badge = f"getComputedStyle({plan_line}, '::after').content"
        assert drv.execute_script(f"return {badge}") in ("none", "normal")
        drv.find_element("css selector", "#roles").click()
        assert drv.execute_script(f"return {badge}").startswith('"打算')
        shot(drv, "serve-document.png")
        drv.find_element("css selector", "#roles").click()
        assert drv.execute_script(f"return {badge}") in ("none", "normal")

        # the injected report shows its <script> as text
        drv.find_element("css selector", "#tabs button[data-tab=files]").click()
        drv.find_element("xpath", "//tr[td[1]='注入.txt']").click()
        wait(drv, "document.querySelector('#doc').getAttribute('data-file') === '2'")
        assert "<script>document.title='被注入'</script>" in drv.find_element("css selector", "#doc").text
        assert drv.execute_script("return document.scripts.length") == 1 and drv.title == "reportlint 报告检查"

        # summary tab with its charts
        drv.find_element("css selector", "#tab-summary-button").click()
        drv.switch_to.frame(drv.find_element("css selector", "#summary-frame"))
        wait(drv, "document.querySelectorAll('svg[data-chart]').length > 0")
        drv.switch_to.default_content()
        shot(drv, "serve-summary.png")

        # downloads: JSON always; xlsx once that format is registered
        formats = [a.get_attribute("data-format") for a in drv.find_elements("css selector", "#downloads a")]
        from reportlint.web.app import available_downloads

        assert formats == available_downloads() and formats[0] == "json"
        drv.find_element("css selector", "#downloads a[data-format=json]").click()
        data = json.loads(_downloaded(drv.downloads, ".json").read_text(encoding="utf-8"))
        assert [f["path"] for f in data["files"]] == ["社区汇报.txt", "损坏.docx", "注入.txt"]
        if "xlsx" in formats:
            drv.find_element("css selector", "#downloads a[data-format=xlsx]").click()
            assert _downloaded(drv.downloads, ".xlsx").read_bytes()[:2] == b"PK"
        assert os.listdir(mgr.root) == []


def test_oversized_drop_refused_in_page(tmp_path, browser):
    drv = browser
    with running(tmp_path, max_bytes=100_000) as (url, mgr):
        drv.get(url + "/")
        wait(drv, "document.documentElement.getAttribute('data-js') === 'ready'")
        drop(drv, [("大.txt", b"a" * 150_000)])
        msg = wait(drv, "!document.querySelector('#message').hidden && document.querySelector('#message').textContent")
        assert msg == "上传内容超过了 0.0953674 MB 的上限，请分批上传。"
        assert mgr.jobs == {}


def test_xlsx_download_in_browser(tmp_path, browser):
    from reportlint.web.app import available_downloads

    if "xlsx" not in available_downloads():
        pytest.skip("xlsx 输出格式尚未注册（由另一项工作提供）")
    drv = browser
    with running(tmp_path) as (url, _):
        drv.get(url + "/")
        wait(drv, "document.documentElement.getAttribute('data-js') === 'ready'")
        drop(drv, [("社区汇报.txt", GOOD.encode())])
        wait(drv, "document.documentElement.getAttribute('data-state') === 'done'")
        drv.find_element("css selector", "#downloads a[data-format=xlsx]").click()
        assert _downloaded(drv.downloads, ".xlsx").read_bytes()[:2] == b"PK"


def _downloaded(folder, suffix, timeout=30):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        done = [p for p in folder.iterdir() if p.name.endswith(suffix)]
        if done:
            return done[0]
        time.sleep(0.1)
    raise AssertionError(f"no {suffix} download in {folder}: {os.listdir(folder)}")
