import json, ipaddress, random
random.seed(5)

def ips(cidr, n):
    net = ipaddress.ip_network(cidr)
    out = []
    for _ in range(n):
        if net.version == 4:
            out.append(str(net.network_address + random.randrange(net.num_addresses)))
        else:
            out.append(str(net.network_address + random.randrange(min(net.num_addresses, 2**64))))
    return out

RESIDENTIAL = ["73.15.0.0/16", "24.48.0.0/16", "86.140.0.0/16", "81.56.0.0/16", "2.110.0.0/16", "99.230.0.0/16", "2a02:c7c::/32"]
def residential(n):
    out = []
    for i in range(n):
        out += ips(RESIDENTIAL[i % len(RESIDENTIAL)], 1)
    return out
RELAY = ["104.28.101.128/26", "104.28.116.0/25", "172.225.76.0/22", "172.226.188.0/22", "172.225.248.0/22", "2a04:4e41:3300::/40", "2a09:bac2:8000::/34"]
def relay(n):
    out = []
    for i in range(n):
        out += ips(RELAY[i % len(RELAY)], 1)
    return out

UA = {
 "chrome_win": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/153.0.0.0 Safari/537.36",
 "chrome_mac": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/153.0.0.0 Safari/537.36",
 "edge_win": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/153.0.0.0 Safari/537.36 Edg/153.0.0.0",
 "firefox_win": "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:145.0) Gecko/20100101 Firefox/145.0",
 "safari_mac": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Safari/605.1.15",
 "safari_iphone": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.6 Mobile/15E148 Safari/604.1",
 "safari_ipad": "Mozilla/5.0 (iPad; CPU OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.6 Mobile/15E148 Safari/604.1",
 "chrome_android": "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/153.0.0.0 Mobile Safari/537.36",
 "chrome_android_tablet": "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/153.0.0.0 Safari/537.36",
 "samsung": "Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/28.0 Chrome/130.0.0.0 Mobile Safari/537.36",
 "chrome_ios": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/153.0.0.0 Mobile/15E148 Safari/604.1",
 "outlook_win_16": "Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 10.0; WOW64; Trident/8.0; .NET4.0C; .NET4.0E; .NET CLR 2.0.50727; .NET CLR 3.0.30729; .NET CLR 3.5.30729; Microsoft Outlook 16.0.6366; ms-office; MSOffice 16)",
 "outlook_msoffice": "Mozilla/4.0 (compatible; ms-office; MSOffice 16)",
 "outlook_mac": "MacOutlook/16.46.21021202 (Intelx64 Mac OS X 11.2.2 (Build 20D80))",
 "outlook_ios": "Outlook-iOS/709.2042344.prod.iphone (3.21.0)",
 "thunderbird": "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Thunderbird/128.5.0",
 "windows_mail": "WindowsMail/17.5.9600.22013",
 "apple_mail_mac": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)",
 "apple_mail_ios": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
 "gmail_proxy": "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)",
 "gmail_prefetch": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/42.0.2311.135 Safari/537.36 Edge/12.246 Mozilla/5.0",
 "yahoo_proxy": "YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html",
 "bare": "Mozilla/5.0",
 "scanner_chrome57": "Mozilla/5.0 (Windows NT 6.1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/57.0.2987.133 Safari/537.36",
 "scanner_chrome101": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/101.0.4951.54 Safari/537.36",
 "scanner_chrome80": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/80.0.3987.132 Safari/537.36",
 "scanner_chrome130": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
 "barracuda": "Barracuda Sentinel (EE)",
 "google_safety": "Mozilla/5.0 (compatible; Google-Safety; +http://www.google.com/bot.html)",
 "office_plain": "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.14931; Pro)",
}
PREVIEW = [
 ("Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", "Slack", "S35; S85"),
 ("Slack-ImgProxy 0.19 (+https://api.slack.com/robots)", "Slack", "S35; S85"),
 ("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", "Facebook", "S35"),
 ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) Version/9.0.1 Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0", "iMessage", "S88"),
 ("WhatsApp/2.19.258 A", "WhatsApp", "S35"),
 ("Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)", "Discord", "S35; S23"),
 ("LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)", "LinkedIn", "S35"),
 ("Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5", "Microsoft Teams", "S35; S23"),
 ("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; MicrosoftPreview/2.0; +https://aka.ms/MicrosoftPreview) Chrome/100.0.4896.127 Safari/537.36", "Microsoft Preview", "S23"),
 ("Twitterbot/1.0", "X (Twitter)", "S35"),
 ("Snap URL Preview Service; bot; snapchat; https://developers.snap.com/robots", "Snapchat", "S35"),
 ("Mozilla/5.0 (compatible; redditbot/1.0; +http://www.reddit.com/feedback)", "Reddit", "S35"),
 ("Iframely/1.3.1 (+https://iframely.com/docs/about) Atlassian", None, "S35"),
 ("Mozilla/5.0 (compatible; vkShare; +http://vk.com/dev/Share)", None, "S35"),
 ("GoogleMessages/20", "Google Messages", "S23b"),
]
GENERIC = [
 ("curl/7.64.0", "S35"), ("python-requests/2.28.0", "S35"), ("Go-http-client/1.1", "S35"), ("okhttp/4.10.0", "S35"),
 ("Wget/1.20.3 (linux-gnu)", "S35"), ("Python-urllib/3.6", "S35"), ("axios/0.19.0", "S35"), ("Java/17.0.2", "S35"),
 ("Apache-HttpClient/4.5.13 (Java/1.8.0_292)", "S35"), ("node-fetch/1.0 (+https://github.com/bitinn/node-fetch)", "S35"),
 ("HTTPie/3.2.2", "S35"), ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.6099.109 Safari/537.36", "S35"),
 ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "S35; S42"),
 ("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", "S35"),
 ("UptimeRobot/2.0", "S35"), ("Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)", "S35"),
 ("Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)", "S35"),
]

H_NAV = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "Accept-Language": "en-US,en;q=0.9",
         "Accept-Encoding": "gzip, deflate, br, zstd", "Upgrade-Insecure-Requests": "1", "Sec-Fetch-Site": "cross-site",
         "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document", "Sec-Fetch-User": "?1"}
H_NAV_FR = dict(H_NAV, **{"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.7"})
H_IMG = {"Accept": "image/avif,image/webp,image/apng,image/*,*/*;q=0.8", "Accept-Language": "de-DE,de;q=0.9",
         "Accept-Encoding": "gzip, deflate, br", "Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Dest": "image"}
H_MAIL = {"Accept": "*/*", "Accept-Language": "en-GB", "Accept-Encoding": "gzip, deflate"}
H_PROXY = {"Accept": "*/*", "Accept-Encoding": "gzip, deflate, br"}
H_BARE = {"Accept": "*/*"}
H_NO_LANG_NAV = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "Accept-Encoding": "gzip, deflate"}
H_LANG_NO_FETCH = {"Accept": "text/html,*/*;q=0.8", "Accept-Language": "en-US,en;q=0.9", "Accept-Encoding": "gzip, deflate"}

cases = []
def case(label, kind, ua, headers, ip_list, expect, proxy=None, seconds=None, opened=None, method="GET", source="", client=None, device=None):
    cases.append({"label": label, "source": source, "kind": kind, "method": method, "user_agent": ua, "headers": headers,
                  "seconds_after_send": seconds, "opened_before": opened, "ips": ip_list,
                  "expect": {"classification": expect, "proxy_type": proxy, "client_name": client, "device_type": device}})

# People
for k, dev, name in [("chrome_win", "desktop", "Chrome"), ("chrome_mac", "desktop", "Chrome"), ("edge_win", "desktop", "Edge"),
                     ("firefox_win", "desktop", "Firefox"), ("safari_mac", "desktop", "Safari"), ("safari_iphone", "mobile", "Safari"),
                     ("safari_ipad", "tablet", "Safari"), ("chrome_android", "mobile", "Chrome"), ("chrome_android_tablet", "tablet", "Chrome"),
                     ("samsung", "mobile", "Samsung Internet"), ("chrome_ios", "mobile", "Chrome")]:
    case(f"person clicks in {name} an hour after sending", "click", UA[k], H_NAV, residential(8), "genuine", seconds=3600, opened=True,
         source="browser UA as shipped in 2026 (top-user-agents 2.1.138 [S40]); residential ISP address", client=name, device=dev)
    case(f"person clicks in {name} without an earlier open (images blocked), 20 minutes after sending", "click", UA[k], H_NAV_FR, residential(3), "genuine",
         seconds=1200, opened=False, source="[S60][S61] images blocked by default in many clients", client=name, device=dev)
for k, name, dev in [("safari_mac", "Safari", "desktop"), ("safari_iphone", "Safari", "mobile"), ("safari_ipad", "Safari", "tablet")]:
    case(f"{name} behind iCloud Private Relay clicks", "click", UA[k], H_NAV, relay(10), "genuine", proxy="apple_private_relay", seconds=5400, opened=True,
         source="[S10][S16] Private Relay egress (MISP icloud-private-relay 20260810)", client=name, device=dev)
for k, name, dev in [("outlook_win_16", "Outlook", "desktop"), ("outlook_msoffice", "Outlook", "desktop"), ("outlook_mac", "Outlook", None),
                     ("outlook_ios", "Outlook", None), ("thunderbird", "Thunderbird", "desktop"), ("windows_mail", "Windows Mail", None),
                     ("apple_mail_mac", "Apple Mail", "desktop"), ("apple_mail_ios", "Apple Mail", "mobile")]:
    case(f"{name} opens (no MPP)", "open", UA[k], H_MAIL, residential(10), "genuine", seconds=7200, opened=False,
         source="[S1][S43] mail client image-fetch UAs", client=name, device=dev)
case("Apple Mail reader opens within 15 s of delivery", "open", UA["apple_mail_mac"], H_MAIL, residential(8), "genuine", seconds=12, opened=False,
     source="[S103] people reading at arrival open within 10-20 s", client="Apple Mail")
case("Outlook reader opens 9 s after delivery", "open", UA["outlook_win_16"], H_MAIL, residential(6), "genuine", seconds=9, opened=False,
     source="[S103]", client="Outlook")
case("mobile click straight after an open", "click", UA["chrome_android"], H_NAV, residential(8), "genuine", seconds=25, opened=True,
     source="[S103] open and click within seconds is human", client="Chrome", device="mobile")
case("iPhone click 14 s after sending right after reading", "click", UA["safari_iphone"], H_NAV, residential(6), "genuine", seconds=14, opened=True,
     source="[S103]", client="Safari", device="mobile")
case("webmail in a browser loads the pixel directly", "open", UA["chrome_win"], H_IMG, residential(8), "genuine", seconds=900, opened=False,
     source="image load headers of a browser (GUESS [S-12])", client="Chrome", device="desktop")
case("Gmail web open through Google's image proxy", "open", UA["gmail_proxy"], H_PROXY,
     ips("66.249.93.0/24", 6) + ips("74.125.0.0/16", 10) + ips("66.102.0.0/20", 4) + ips("64.233.160.0/19", 2) + ["66.249.93.84", "66.249.93.73"],
     "image_proxy", proxy="gmail", seconds=4000, opened=False, source="[S1][S3][S4][S5][S7]", client="Gmail")
case("Gmail proxy open seconds after delivery (reader had the inbox open)", "open", UA["gmail_proxy"], H_PROXY, ips("74.125.0.0/16", 4), "image_proxy",
     proxy="gmail", seconds=20, opened=False, source="[S7]", client="Gmail")
case("Yahoo Mail open through YahooMailProxy", "open", UA["yahoo_proxy"], H_PROXY, ips("98.136.0.0/14", 8) + ips("67.195.0.0/16", 4) + ips("72.30.0.0/16", 3),
     "image_proxy", proxy="yahoo", seconds=3000, opened=False, source="[S1][S2][S8][S9][S4]", client="Yahoo Mail")

# Privacy proxies
case("Apple MPP prefetch", "open", UA["bare"], H_BARE, relay(30), "privacy_proxy", proxy="apple_mpp", seconds=40, opened=False,
     source="[S11][S12][S13] bare Mozilla/5.0 from the relay egress list")
case("Apple MPP prefetch hours later (device woke)", "open", UA["bare"], H_PROXY, relay(14), "privacy_proxy", proxy="apple_mpp", seconds=20000, opened=False,
     source="[S13]")
case("Gmail prefetch while the inbox is open", "open", UA["gmail_prefetch"], H_PROXY, ips("66.249.80.0/20", 6) + ips("74.125.0.0/16", 8), "privacy_proxy",
     proxy="gmail", seconds=6, opened=False, source="[S15][S46]", client="Gmail")

# Security scanners
case("Safe Links detonation from EOP", "click", UA["scanner_chrome57"], H_NO_LANG_NAV, ips("40.107.0.0/16", 10) + ["40.107.218.12"], "security_scanner",
     seconds=1, opened=False, source="[S24] gophish #973")
case("Defender loads the page from 40.94.x", "click", UA["scanner_chrome101"], H_NO_LANG_NAV, ["40.94.89.19", "40.94.89.21", "40.94.89.23", "40.94.29.84"] + ips("40.94.0.0/16", 6),
     "security_scanner", seconds=8, opened=False, source="[S25][S26]")
case("Microsoft scanner with current-looking Chrome", "click", UA["scanner_chrome130"], H_NAV, ips("40.92.0.0/15", 6) + ips("52.100.0.0/14", 4),
     "security_scanner", seconds=40, opened=False, source="[S4][S44] Microsoft addresses on clicks are detonations")
case("Scanner clicks before delivery, Windows 10 Chrome 80", "click", UA["scanner_chrome80"], H_NO_LANG_NAV, ips("104.47.0.0/17", 8), "security_scanner",
     seconds=0.8, opened=False, source="[S63]")
case("Proofpoint URL Defense", "click", UA["chrome_win"], H_LANG_NO_FETCH, ips("67.231.144.0/20", 6) + ips("148.163.0.0/16", 6), "security_scanner",
     seconds=3, opened=False, source="[S20][S68][S69]")
case("Proofpoint fetches the pixel", "open", UA["chrome_win"], H_PROXY, ips("208.84.64.0/22", 4), "security_scanner", seconds=2, opened=False, source="[S20]")
case("Mimecast URL Protect", "click", UA["scanner_chrome101"], H_NO_LANG_NAV, ips("205.139.110.0/24", 4) + ips("185.58.84.0/22", 4) + ips("170.10.128.0/22", 3),
     "security_scanner", seconds=10, opened=False, source="[S70]")
case("Barracuda Sentinel", "click", UA["barracuda"], H_BARE, residential(3) + ips("209.222.80.0/21", 4), "security_scanner", seconds=5, opened=False,
     source="[S22][S23b]", client="Barracuda Sentinel")
case("Barracuda network with a browser agent", "click", UA["chrome_win"], H_NO_LANG_NAV, ips("64.235.144.0/20", 4), "security_scanner", seconds=4, source="[S6][S21]")
case("Symantec Email Security.cloud", "click", UA["scanner_chrome80"], H_NO_LANG_NAV, ips("216.82.240.0/20", 4) + ips("85.158.136.0/21", 3), "security_scanner",
     seconds=2, opened=False, source="[S71]")
case("Cisco ScanSafe", "click", UA["scanner_chrome101"], H_NO_LANG_NAV, ips("198.41.8.0/21", 4), "security_scanner", seconds=6, source="[S19]")
case("HEAD on a click from an ordinary address", "click", UA["chrome_win"], H_NO_LANG_NAV, residential(8), "security_scanner", method="HEAD", seconds=3,
     opened=False, source="[S27][S28]")
case("HEAD on a click, well after delivery", "click", UA["safari_mac"], H_NAV, residential(4), "security_scanner", method="HEAD", seconds=900,
     opened=True, source="[S34] URL hygiene checks (UNVERIFIED)")
case("Google Safe Browsing", "click", UA["google_safety"], H_BARE, ips("66.249.64.0/19", 4), "security_scanner", seconds=30, source="[S35]")
case("Yahoo proxy follows a link", "click", UA["yahoo_proxy"], H_PROXY, ips("98.136.0.0/14", 4), "security_scanner", proxy=None, seconds=60,
     source="[S8] our rule: YahooMailProxy on a click is a scan")
case("Trend Micro scanning from AWS at delivery", "click", UA["chrome_win"], H_NO_LANG_NAV, ips("34.192.0.0/12", 4) + ips("54.144.0.0/12", 4), "security_scanner",
     seconds=1.5, opened=False, source="[S30] University of Oxford IT")

# Link previews
for ua, name, src in PREVIEW:
    case(f"{name or ua.split('/')[0]} link preview", "click", ua, H_BARE, residential(2) + ips("35.192.0.0/14", 1), "link_preview_bot", seconds=86400, opened=False,
         source=src, client=name)
case("Telegram preview from Telegram's network", "click", "TelegramBot (like TwitterBot)", H_BARE, ips("149.154.160.0/20", 4) + ips("91.108.4.0/22", 2),
     "link_preview_bot", seconds=7200, source="[S35][S91]", client="Telegram")

# Generic bots
for ua, src in GENERIC:
    case(f"{ua.split('/')[0]} fetches", "click", ua, H_BARE, residential(2) + ips("44.192.0.0/11", 2), "generic_bot", seconds=500, opened=False, source=src)
case("a pixel fetch with no user agent", "open", None, {}, residential(6), "generic_bot", seconds=100, source="[S37]")
case("a click with no user agent", "click", None, {}, residential(4), "generic_bot", seconds=100, source="[S37]")
case("a POST to a click URL", "click", UA["chrome_win"], H_NAV, residential(3), "generic_bot", method="POST", seconds=100, opened=True, source="[S27][S69]")

# Suspicious
case("browser agent from a cloud machine", "click", UA["chrome_win"], H_NO_LANG_NAV, ips("3.208.0.0/12", 4) + ips("35.184.0.0/13", 4) + ips("52.28.0.0/16", 2),
     "suspicious", seconds=600, opened=False, source="[S37][S58] hosting ASN + browser UA")
case("browser prefetch (Sec-Purpose)", "click", UA["chrome_win"], dict(H_NAV, **{"Sec-Purpose": "prefetch"}), residential(6), "suspicious", seconds=300,
     opened=True, source="[S37]")
case("Gmail proxy agent from outside Google", "open", UA["gmail_proxy"], H_PROXY, residential(6), "suspicious", seconds=300, source="[S37] spoofed proxy UA")
case("Outlook's Office HTTP stack", "open", UA["office_plain"], H_BARE, residential(6), "suspicious", seconds=400, source="[S43][S46] ambiguous; our rule")
case("browser agent without Accept-Language and fetch metadata", "click", UA["chrome_win"], H_NO_LANG_NAV, residential(6), "suspicious", seconds=4000,
     opened=True, source="[S37][S38] header/UA mismatch")

# Unverified clicks
case("a click with no fetch metadata soon after sending", "click", UA["chrome_win"], H_LANG_NO_FETCH, residential(8), "unverified_click", seconds=3,
     opened=True, source="header gap only (our rule)")
case("a click 1.5 s after sending with full browser headers", "click", UA["chrome_mac"], H_NAV, residential(6), "unverified_click", seconds=1.5, opened=True,
     source="[S38][S73] 2 s rule alone is not decisive")
case("a Microsoft-address click with browser headers, late", "click", UA["edge_win"], H_NAV, ips("52.96.0.0/12", 2), "security_scanner",
     seconds=7200, opened=True, source="[S44]")

total = sum(len(c["ips"]) for c in cases)
with open("evaluation-set.json", "w") as f:
    json.dump({"about": "Labeled observations for the classifier's quality bar. Sources are the [Sn] tags of shared/research/bot-detection.md; addresses lie inside the published ranges named there; residential addresses are from consumer ISP blocks in no list.",
               "cases": cases}, f, indent=1)
print(total, len(cases))
