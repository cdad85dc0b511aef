"""WM rules (template-site residue: ads, watermarks, URLs, page footers, source lines, phone numbers).

Exact (line, column, code) hits and non-hits through the public API; the non-hits are sentences of
real reports that mention 微信公众号, 会员, 热线, a government website or a contact person.
"""
import pytest

from conftest import assert_examples_hold, excerpts, hits


HITS = [
    ("WM001", "本文仅供参考。更多资料请加QQ：123456789\n"
              "咨询电话 0371-66668888，微信：13800138000（备注范文）\n"
              "加微信号：fanwen_2026 领取完整版；客服热线：400-800-1234\n",
     [(1, 14, "WM001"), (2, 1, "WM001"), (2, 20, "WM001"), (3, 2, "WM001"), (3, 24, "WM001")]),
    ("WM002", "本文仅供学习交流，禁止外传。\n"
              "　　下载后可编辑修改\n"
              "以上内容由小编整理，如有侵权请联系删除。点击阅读原文，获取完整版。\n",
     [(1, 3, "WM002"), (1, 10, "WM002"), (2, 3, "WM002"), (3, 6, "WM002"), (3, 11, "WM002"),
      (3, 16, "WM002"), (3, 21, "WM002"), (3, 28, "WM002")]),
    ("WM003", "开通VIP会员，海量范文免费下载\n现在订阅立享八折\n本材料来自××公文网，欢迎加入材料交流会员群。\n",
     [(1, 1, "WM003"), (2, 1, "WM003"), (2, 5, "WM003"), (3, 8, "WM003"), (3, 20, "WM003")]),
    ("WM004", "更多内容请访问 www.fanwen-example.com\n"
              "原文链接：https://example.cn/a/123.html查看全文\n"
              "下载地址：wenku-example.net/doc/123\n",
     [(1, 9, "WM004"), (2, 6, "WM004"), (3, 6, "WM004")]),
    ("WM005", "全年完成投资3200万元。\n第2页 共5页\n— 3 —\n3/12\nPage 2 of 6\n第×页 共×页\n第3页\n"
              "本文仅供参考　第1页/共3页\n",
     [(2, 1, "WM005"), (3, 1, "WM005"), (4, 1, "WM005"), (5, 1, "WM005"), (6, 1, "WM005"),
      (7, 1, "WM005"), (8, 8, "WM005")]),
    ("WM006", "来源：某某范文网\n本文来源：网络\n　　原文链接：https://example.cn/a/1.html\n资料来源：百度文库\n",
     [(1, 1, "WM006"), (2, 1, "WM006"), (3, 3, "WM006"), (4, 1, "WM006")]),
    ("WM006", "全年共办结群众诉求1200件。\n（来源：某市日报客户端）\n（信息来源：某县融媒体中心）\n",
     [(2, 1, "WM006"), (3, 1, "WM006")]),
    ("WM007", "需要完整版请联系13912345678\n有意者可直接拨打18612345678咨询。\n",
     [(1, 9, "WM007"), (2, 9, "WM007")]),
]


@pytest.mark.parametrize("code, text, expected", HITS, ids=[c for c, _, _ in HITS])
def test_rule_hits_exactly(code, text, expected):
    assert hits(text, code) == expected


def test_excerpts():
    # longest match first, no overlaps: 下载后可编辑 then not 可编辑修改 again
    assert excerpts(HITS[1][1], "WM002") == ["仅供学习交流", "禁止外传", "下载后可编辑", "小编整理", "如有侵权",
                                            "联系删除", "点击阅读原文", "获取完整版"]
    assert excerpts(HITS[0][1], "WM001") == [
        "QQ：123456789", "咨询电话 0371-66668888", "微信：13800138000", "微信号：fanwen_2026",
        "客服热线：400-800-1234"]
    assert excerpts(HITS[3][1], "WM004") == [  # the URL stops at the first Chinese character
        "www.fanwen-example.com", "https://example.cn/a/123.html", "wenku-example.net/doc/123"]
    assert excerpts(HITS[4][1], "WM005")[-2:] == ["第3页", "第1页/共3页"]


NON_HITS = [
    ("WM001", "依托社区微信群发布通知40余条，群成员达1200人。\n"
              "开通“平安社区”微信公众号，累计推送信息300余条。\n"
              "12345政务服务便民热线受理诉求2.3万件，全年接听咨询电话12000余个。\n"
              "通过12345 热线和“随手拍”平台受理群众诉求860件。\n"
              "公布举报电话0371-12388，受理举报32件。\n"
              "（联系人：王明，联系电话：0371-66668888）\n"
              "设立政策咨询电话0371-66668888，全年接听企业咨询3200个。\n"
              "公布值班电话0371-66668889，实行24小时值班。\n"),
    ("WM002", "加大知识产权保护力度，查处侵权行为12起。\n"
              "组织干部职工学习交流典型经验，收集整理发布典型案例12个。\n"
              "以上测算数据仅供参考，最终以统计部门公布为准。\n"),
    ("WM003", "全年新发展工会会员326名，会员满意度达98%。\n组织各支部订阅党报党刊，订阅率100%。\n"),
    ("WM004", "依托政务服务网办理事项1.2万件。\n"
              "引导企业登录“信用中国”网站（www.creditchina.gov.cn）查询信用记录。\n"
              "详见国家政务服务平台https://gjzwfw.www.gov.cn。\n"
              "采用Vue.js框架开发，版本v1.0，PM2.5浓度下降。\n"),
    ("WM005", "全年共完成3/4的既定任务。\n具体标准见《实施方案》第3页。\n2026年第3季度\n"),
    ("WM006", "资金来源主要是县级财政专项。\n资料来源：县统计局2025年统计年鉴。\n数据来源：区人社局。\n"),
    ("WM006", "（资料来源：县统计局）\n全年完成投资12亿元（来源：县发改局统计）。\n"),
    ("WM007", "全年办理业务13912件。\n"
              "（联系人：王明，13912345678）\n"
              "| 李娟 | 第三网格 | 13912345678 |\n"
              "张强\t第四网格\t13812345678\n"
              "联系人：张三，电话：13912345678\n"),
]


@pytest.mark.parametrize("code, text", NON_HITS, ids=[c for c, _ in NON_HITS])
def test_rule_does_not_fire(code, text):
    assert hits(text, code) == []


def test_contact_ad_is_one_finding_not_two():
    # “电话：1391…” is WM001's; WM007 (a bare mobile number) stays silent on it.
    assert hits("咨询电话：13912345678\n", ["WM"]) == [(1, 1, "WM001")]


def test_a_phone_set_up_as_a_work_measure_is_not_an_ad():
    # “设立/开通/公布……电话” reports a measure; the same number as a bare line is still an ad
    text = "设立政策咨询电话0371-66668888，全年接听企业咨询3200个。\n咨询电话 0371-66668888\n"
    assert hits(text, ["WM"]) == [(2, 1, "WM001")]


def test_a_watermark_line_gets_every_residue():
    text = "本文仅供学习交流，更多范文请加QQ：2850013579　第1页 共2页\n"
    assert hits(text, ["WM"]) == [(1, 3, "WM002"), (1, 10, "WM002"), (1, 16, "WM001"), (1, 30, "WM005")]


def test_real_report_paragraph_is_clean():
    text = ("2026年上半年工作总结\n"
            "　　依托“幸福社区”微信公众号和12345热线收集群众诉求860件，办结率99.1%；"
            "新发展工会会员56名；在“信用中国”网站（www.creditchina.gov.cn）公示信用信息210条。\n"
            "| 网格 | 网格员 | 电话 |\n| 第一网格 | 李娟 | 13912345678 |\n")
    assert hits(text, ["WM"]) == []


@pytest.mark.parametrize("code", [f"WM00{i}" for i in range(1, 8)])
def test_every_rule_has_examples_that_hold(code):
    """The examples shipped in the rule file: each bad one fires, each good one does not."""
    assert_examples_hold(code)


def test_template_site_block_around_the_title_flags_every_line_once():
    from textcheck import where

    text = ("公文素材库 · 自建平台\n专业 · 高效 · 贴心\n举报倒卖本站资料者赠送会员一年\n"
            "××街道2026年上半年工作总结\n上半年，街道统筹推进各项工作，完成年度目标的55%。\n"
            "更多精品范文请关注公众号\n笔杆子的好帮手\n第1页 共2页\n")
    got = where(text, ["WM"])
    assert got == [(1, 1, "WM008"), (2, 1, "WM008"), (3, 1, "WM008"),
                   (6, 1, "WM002"), (7, 1, "WM008"), (8, 1, "WM005")]
    assert [ln for ln, _, _ in got] == [1, 2, 3, 6, 7, 8]  # the title (4) and the body (5) are not residue
