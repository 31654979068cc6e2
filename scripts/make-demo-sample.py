#!/usr/bin/env python3
"""Generate the bundled offline sample for `ainews demo`.

Writes cli/src/main/resources/demo/{manifest.json,EXPECTED.md,feeds/*} deterministically (fixed seed, fixed
absolute dates), then parses every output back (ElementTree for XML, json for the JSON Feed) and prints per-day
counts by company and theme keyword so the burst can be checked without running the pipeline.

The story: 2025-01-05 .. 2025-02-04 (31 UTC days) of steady AI-industry news, then DeepSeek publishes an
open-weight reasoning model (2025-01-25), the coverage snowballs, and on 2025-01-27 (day 22) DeepSeek, the
open_source and cost themes (and Nvidia, whose stock falls) burst across every feed. Microsoft stays flat.

All text is fictional, written for this sample. Standard library only. Run from the repository root:

    python3 scripts/make-demo-sample.py
"""

import datetime as dt
import json
import pathlib
import random
import re
import sys
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

# Chosen among a few hundred seeds for a steady baseline: open_source never absent two days running, no
# once-a-week company happening to land on the burst day, no headline repeated.
SEED = 20250393
START = dt.date(2025, 1, 5)
DAYS = 31
RELEASE_DAY = 20  # 2025-01-25: DeepSeek-R1 goes up with open weights
BURST_DAY = 22  # 2025-01-27: the sell-off Monday
BASE = "https://demo.ainews.invalid"
OUT = pathlib.Path(__file__).resolve().parent.parent / "cli" / "src" / "main" / "resources" / "demo"

# ---------------------------------------------------------------------------------------------------------------
# Feeds. tz: the UTC offset the feed writes its dates in; hours: the UTC hours its items are published in (so the
# local time of day is plausible: US East Coast desks 06-18 local, Beijing 08-23 local, Paris 07-21 local).
# ---------------------------------------------------------------------------------------------------------------
FEEDS = [
    dict(id="demo-techwire", file="feeds/techwire.xml", fmt="rss", name="TechWire (demo)", language="en",
         tz=-300, hours=(11, 23), slug="techwire", desc="Wire copy on technology and artificial intelligence.",
         guid="opaque", html="escaped"),
    dict(id="demo-frontier-ledger", file="feeds/frontier-ledger.atom", fmt="atom", name="Frontier Ledger (demo)",
         language="en", tz=0, hours=(8, 22), slug="frontier-ledger",
         desc="The business of frontier AI: funding, markets, deals."),
    dict(id="demo-silicon-signal", file="feeds/silicon-signal.xml", fmt="rss", name="Silicon Signal (demo)",
         language="en", tz=-480, hours=(14, 23), slug="silicon-signal",
         desc="Chips, compute and the hardware behind AI.", guid="permalink", html="cdata"),
    dict(id="demo-policy-watch", file="feeds/policy-watch.atom", fmt="atom", name="AI Policy Watch (demo)",
         language="en", tz=-300, hours=(12, 23), slug="policy-watch",
         desc="Regulation, safety and geopolitics of artificial intelligence."),
    dict(id="demo-open-weights", file="feeds/open-weights.json", fmt="json", name="Open Weights Weekly (demo)",
         language="en", tz=0, hours=(9, 21), slug="open-weights",
         desc="Open models, open weights and the people who release them."),
    dict(id="demo-morning-post", file="feeds/morning-post.xml", fmt="rss", name="Morning Post Digest (demo)",
         language="en", tz=0, hours=(5, 20), slug="morning-post",
         desc="A general news digest: business, science, weather, technology.", guid="opaque", html="escaped"),
    dict(id="demo-zhineng", file="feeds/zhineng-daily.xml", fmt="rss", name="智能前沿日报（演示）",
         language="zh", tz=480, hours=(0, 15), slug="zhineng", desc="人工智能产业新闻与大模型动态。",
         guid="opaque", html="cdata"),
    dict(id="demo-kuaixun", file="feeds/ai-kuaixun.atom", fmt="atom", name="AI快讯（演示）", language="zh",
         tz=480, hours=(0, 15), slug="kuaixun", desc="大模型、算力与科技公司快讯。"),
    dict(id="demo-suanli", file="feeds/suanli-guancha.xml", fmt="rss", name="算力观察（演示）", language="zh",
         tz=480, hours=(1, 14), slug="suanli", desc="芯片、算力与产业链观察。", guid="permalink", html="escaped"),
    dict(id="demo-la-puce", file="feeds/la-puce.xml", fmt="rss", name="La Puce IA (démo)", language="fr",
         tz=60, hours=(6, 20), slug="la-puce", desc="L'actualité de l'intelligence artificielle, en français.",
         guid="opaque", html="escaped"),
]
FEED = {f["id"]: f for f in FEEDS}
CONTENT_TYPE = {"rss": "application/rss+xml", "atom": "application/atom+xml", "json": "application/feed+json"}

# ---------------------------------------------------------------------------------------------------------------
# Keyword lists for the self-check printout (a rough stand-in for the real taxonomy in enrich/, enough to see the
# shape of the story). Case-sensitive substring matches on title + summary text.
# ---------------------------------------------------------------------------------------------------------------
COMPANY_KEYS = {
    "deepseek": ["DeepSeek", "深度求索"],
    "alibaba": ["Alibaba", "Qwen", "阿里", "通义", "千问", "QwQ"],
    "baidu": ["Baidu", "ERNIE", "Ernie", "百度", "文心"],
    "tencent": ["Tencent", "Hunyuan", "腾讯", "混元"],
    "bytedance": ["ByteDance", "Doubao", "字节", "豆包", "火山引擎"],
    "moonshot": ["Moonshot", "Kimi", "月之暗面"],
    "zhipu": ["Zhipu", "GLM", "智谱"],
    "minimax": ["MiniMax", "稀宇", "海螺", "Hailuo"],
    "01ai": ["01.AI", "零一万物", "Kai-Fu Lee"],
    "huawei": ["Huawei", "Ascend", "华为", "昇腾"],
    "iflytek": ["iFlytek", "讯飞"],
    "openai": ["OpenAI", "ChatGPT", "Altman", "GPT-", "o3-mini", "Stargate", "奥特曼"],
    "anthropic": ["Anthropic", "Claude"],
    "google": ["Google", "Gemini", "DeepMind", "Gemma", "谷歌", "Hassabis"],
    "meta": ["Meta ", "Meta'", "Meta,", "Meta.", "Llama", "Zuckerberg", "LeCun"],
    "microsoft": ["Microsoft", "Copilot", "Azure", "微软", "Nadella", "Phi-4"],
    "nvidia": ["Nvidia", "英伟达", "Jensen Huang", "黄仁勋", "H100", "H20", "Blackwell", "CUDA"],
    "xai": ["xAI", "Grok"],
    "amazon": ["Amazon Web Services", "AWS", "Amazon Nova", "Alexa", "Trainium", "Bedrock"],
    "apple": ["Apple Intelligence", "Siri", "苹果公司"],
    "mistral": ["Mistral AI", "Mistral Large", "Mistral Small", "Codestral", "Le Chat", "Mistral's", "Mistral "],
    "cohere": ["Cohere"],
    "huggingface": ["Hugging Face"],
}
THEME_KEYS = {
    "open_source": ["open-weight", "open weight", "open-source", "open source", "open-sourced", "开源", "open weights",
                    "Open weights", "Open-weight", "Open-source", "poids ouverts", "MIT license"],
    "cost": ["cost", "Cost", "cheap", "Cheap", "price", "Price", "pricing", "成本", "价格", "降价", "coût", "moins cher",
             "prix", "per million tokens", "便宜", "性价比"],
    "safety": ["safety", "Safety", "red-team", "jailbreak", "Jailbreak", "guardrail", "安全", "sécurité", "risk",
               "deepfake", "Deepfake", "深度伪造", "越狱"],
    "regulation": ["regulat", "Regulat", "lawmakers", "Lawmakers", "AI Act", "lawsuit", "antitrust", "监管", "法规",
                   "备案", "réglement", "Senate", "Congress", "copyright", "privacy", "起诉", "立法"],
    "geopolitics": ["export control", "Export control", "sanction", "national security", "National security", "出口管制",
                    "制裁", "国家安全", "US-China", "AI race", "souveraineté", "中美", "entity list", "自主可控", "tariff"],
    "chips": ["chip", "Chip", "GPU", "芯片", "算力", "semiconductor", "H100", "H20", "Ascend", "昇腾", "puce", "TSMC",
              "Blackwell", "HBM"],
    "market": ["stock", "Stock", "shares", "funding", "valuation", "revenue", "investors", "股价", "融资", "估值",
               "market", "Market", "市值", "营收", "Bourse", "levée", "billion", "IPO"],
}


def _mentions(text, keys):
    return any(k in text for k in keys)


# ---------------------------------------------------------------------------------------------------------------
# Template expansion: [[name:a|b|c]] picks one option (the same index wherever `name` recurs in the item),
# [[a|b]] picks independently; {p} {p2} {n} {b} {m} are numbers fixed per item.
# ---------------------------------------------------------------------------------------------------------------
CHOICE = re.compile(r"\[\[(?:(\w+):)?(.*?)\]\]")


def expand(rng, title, summary):
    picked = {}
    nums = {"p": rng.randint(6, 38), "p2": rng.randint(2, 9), "n": rng.randint(3, 9),
            "b": rng.choice([1.2, 1.5, 2, 2.5, 3, 4, 5, 6.5, 8, 10]), "m": rng.choice([40, 60, 85, 120, 150, 220, 300])}

    def choose(match):
        name, options = match.group(1), match.group(2).split("|")
        if name:
            if name not in picked:
                picked[name] = rng.randrange(len(options))
            return options[picked[name] % len(options)]
        return rng.choice(options)

    def fill(s):
        s = CHOICE.sub(choose, s)
        for k, v in nums.items():
            s = s.replace("{" + k + "}", str(v))
        return s

    return fill(title), fill(summary)


# ---------------------------------------------------------------------------------------------------------------
# Baseline news: per company, how many items a week and in which languages; then headline + summary templates.
# Rates are spread evenly over the days (see schedule()) so the baseline is steady.
# ---------------------------------------------------------------------------------------------------------------
RATES = {  # company: (items per week, {language: weight})
    "deepseek": (7, {"en": 5, "zh": 5}),
    "alibaba": (4, {"en": 4, "zh": 6}),
    "baidu": (3, {"en": 3, "zh": 7}),
    "bytedance": (3, {"en": 4, "zh": 6}),
    "huawei": (3, {"en": 4, "zh": 6}),
    "moonshot": (2, {"en": 3, "zh": 7}),
    "zhipu": (2, {"en": 3, "zh": 7}),
    "tencent": (2, {"en": 3, "zh": 7}),
    "minimax": (2, {"en": 4, "zh": 6}),
    "iflytek": (1, {"zh": 1}),
    "01ai": (1, {"en": 1, "zh": 1}),
    "openai": (7, {"en": 7, "zh": 2, "fr": 1}),
    "microsoft": (7, {"en": 8, "zh": 1, "fr": 1}),
    "google": (5, {"en": 7, "zh": 2, "fr": 1}),
    "nvidia": (5, {"en": 6, "zh": 3, "fr": 1}),
    "anthropic": (4, {"en": 9, "fr": 1}),
    "meta": (4, {"en": 7, "zh": 1, "fr": 2}),
    "mistral": (3, {"en": 4, "fr": 6}),
    "amazon": (2, {"en": 1}),
    "xai": (2, {"en": 1}),
    "apple": (1, {"en": 4, "zh": 1}),
    "huggingface": (1, {"en": 3, "fr": 1}),
    "cohere": (1, {"en": 1}),
    "eu": (2, {"en": 1, "fr": 2}),  # bloc-level policy news that names no company
}

T = {}

T["deepseek"] = {
    "en": [
        ("DeepSeek-V3 climbs developer leaderboards weeks after release",
         "Independent evaluations put the Chinese lab's mixture-of-experts model close to leading closed systems on "
         "coding and math benchmarks, while its API remains among the cheapest on the market."),
        ("DeepSeek keeps API prices for V3 at [[pr:$0.27|$0.14|$0.28]] per million input tokens",
         "The Hangzhou-based startup confirmed that a promotional price for its flagship model will hold through "
         "February, undercutting US rivals by a wide margin on cost."),
        ("Who is Liang Wenfeng? The hedge-fund founder behind DeepSeek",
         "Profile: Liang funds the research lab from the profits of a quantitative trading firm and says he wants "
         "to chase general intelligence rather than quick revenue."),
        ("DeepSeek technical report details training on 2,048 Nvidia H800 chips",
         "The paper describes FP8 mixed-precision training and load balancing tricks that let the team train a "
         "large model on a cluster a fraction of the size US labs use."),
        ("DeepSeek posts V3 model weights and code to Hugging Face under a permissive license",
         "Researchers can download and fine-tune the open-weight model, one of the largest ever published; "
         "the license allows commercial use."),
        ("DeepSeek chat app adds web search and file uploads",
         "The free assistant now cites sources and reads PDFs, a step toward features ChatGPT subscribers pay for."),
        ("Analysts ask how DeepSeek trains frontier-class models under US export controls",
         "Export curbs on advanced GPUs were meant to slow Chinese labs; DeepSeek's engineering suggests efficiency "
         "can partly make up for missing hardware."),
    ],
    "zh": [
        ("深度求索DeepSeek-V3 API价格维持每百万tokens输入[[p:1|2|0.5]]元",
         "深度求索表示，优惠价格将延续至二月，开发者调用成本仍远低于海外同类大模型。"),
        ("DeepSeek-V3技术报告引热议：2048张H800完成训练",
         "报告披露了FP8混合精度训练和负载均衡等工程细节，业内认为其算力利用效率显著高于同行。"),
        ("深度求索开源多模态模型Janus新版本",
         "新模型同时支持图像理解与生成，模型权重已在Hugging Face发布，允许商用。"),
        ("深度求索创始人梁文锋：团队以应届生和在读博士为主",
         "梁文锋在访谈中表示，公司不急于商业化，更关注基础研究和通用人工智能。"),
        ("DeepSeek应用上线联网搜索功能，用户量稳步增长",
         "深度求索的聊天助手新增联网搜索与文件解析，在开发者社区口碑持续上升。"),
    ],
}

T["alibaba"] = {
    "en": [
        ("Alibaba Cloud cuts prices of Qwen models by up to {p}% for overseas developers",
         "The price cut covers the Qwen-Plus and Qwen-Turbo APIs and is the latest round in a price war among "
         "Chinese cloud providers."),
        ("Alibaba releases Qwen2.5-[[v:Coder|Math|VL]] open-weight models in several sizes",
         "The new models are published under the Apache 2.0 license; Alibaba says the largest variant rivals "
         "much bigger systems on [[v2:code generation|math reasoning|visual question answering]]."),
        ("Alibaba says Qwen family tops 90,000 derivative models on Hugging Face",
         "Developers have fine-tuned and republished the open models more than any other family, the company said."),
        ("Alibaba's Eddie Wu doubles down on AI spending as cloud revenue grows {p2}%",
         "The chief executive told investors that AI-related product revenue grew at a triple-digit pace for "
         "another quarter."),
    ],
    "zh": [
        ("阿里云通义千问API全线降价，最高降幅{p}%",
         "阿里云宣布通义千问系列大模型调用价格下调，大模型价格战再度升温。"),
        ("通义千问Qwen2.5-[[v:Coder|Math|VL]]开源，多个尺寸可免费商用",
         "阿里巴巴开源新一代模型，采用Apache 2.0协议，开发者可在魔搭社区和Hugging Face下载。"),
        ("阿里巴巴吴泳铭：未来三年继续加大AI基础设施投资",
         "阿里巴巴表示，云业务营收增长加速，人工智能相关产品收入连续多个季度三位数增长。"),
        ("通义APP升级：支持长文档解读与实时语音",
         "阿里旗下通义大模型应用新增多项功能，面向办公与学习场景。"),
        ("夸克接入通义千问推理模型，搜索体验升级",
         "阿里巴巴旗下夸克将大模型能力融入搜索，提升复杂问题的回答质量。"),
    ],
}

T["baidu"] = {
    "en": [
        ("Baidu says ERNIE Bot now handles {m}0 million requests a day",
         "Robin Li told an industry forum that the chatbot's usage is growing quickly as Baidu folds it into search."),
        ("Baidu's Apollo Go robotaxis expand to [[c:Wuhan's airport|Shenzhen|Beijing's Yizhuang district]]",
         "The self-driving service keeps adding fully driverless rides as Baidu looks for AI revenue beyond search."),
        ("Baidu plans next-generation ERNIE model for later this year",
         "The company said the upcoming foundation model will improve multimodal understanding and cut inference costs."),
    ],
    "zh": [
        ("百度文心一言日调用量突破{m}0万次",
         "李彦宏表示，文心大模型在搜索和智能云中的应用持续扩大，推理成本已大幅下降。"),
        ("百度萝卜快跑在[[c:武汉|深圳|北京亦庄]]扩大全无人驾驶服务范围",
         "百度自动驾驶出行服务订单量持续增长，成为其人工智能商业化的重要方向。"),
        ("百度智能云发布昆仑芯新一代集群，支持万卡训练",
         "百度表示，自研芯片集群可用于大模型训练和推理，降低对进口芯片的依赖。"),
        ("李彦宏：大模型应用将迎来爆发，模型价格还会继续下降",
         "百度创始人认为，推理成本每年下降超过九成，应用开发者将是最大受益者。"),
        ("文心一言APP更名文小言，主打智能搜索",
         "百度对旗下大模型应用进行品牌升级，强化搜索与创作功能。"),
    ],
}

T["bytedance"] = {
    "en": [
        ("ByteDance's Doubao becomes China's most used chatbot app",
         "Third-party data show Doubao passed [[u:60|70|75]] million monthly active users, helped by heavy "
         "advertising and aggressive pricing."),
        ("ByteDance plans to spend billions on AI chips in 2025, sources say",
         "The TikTok owner is budgeting a large share of its capital spending for GPUs, part of it for data "
         "centers outside China."),
        ("ByteDance releases Doubao 1.5 Pro, claims GPT-4o-level performance at lower cost",
         "The company says the model was trained without data from other labs' models and priced far below rivals."),
        ("ByteDance research team publishes new video generation model",
         "The Seed team's model produces short clips from text prompts and will be offered through Volcano Engine."),
    ],
    "zh": [
        ("豆包大模型1.5 Pro发布，字节跳动称性能比肩GPT-4o",
         "字节跳动表示，新模型训练未使用其他模型生成的数据，推理成本进一步降低。"),
        ("火山引擎：豆包大模型日均tokens调用量超过[[t:4|5|6]]万亿",
         "字节跳动旗下火山引擎公布最新数据，企业客户数量快速增长，大模型价格战仍在持续。"),
        ("字节跳动豆包APP月活用户居国内AI应用首位",
         "第三方数据显示，豆包月活跃用户持续攀升，字节跳动在大模型应用推广上投入巨大。"),
        ("字节跳动Seed团队发布视频生成模型，将通过火山引擎开放",
         "新模型支持多镜头叙事和运动控制，字节跳动表示将很快开放企业测试。"),
    ],
}

T["huawei"] = {
    "en": [
        ("Huawei ships Ascend 910C samples to Chinese AI firms",
         "The new accelerator is Huawei's answer to US export controls that cut Chinese buyers off from Nvidia's "
         "top chips; yields remain a constraint."),
        ("Huawei cloud offers Ascend-based inference for popular open models",
         "The service lets developers run open-weight models on domestic chips, part of a push for self-sufficiency."),
        ("Huawei says HarmonyOS devices will get an AI agent upgrade",
         "The company is building an assistant on its Pangu models into phones and tablets sold in China."),
    ],
    "zh": [
        ("华为昇腾910C开始小批量交付，国产AI芯片加速替代",
         "受美国出口管制影响，国内大模型企业加快适配昇腾芯片，国产算力生态逐步完善。"),
        ("华为云推出基于昇腾的推理服务，支持主流开源大模型",
         "华为表示，开发者可在昇腾算力上一键部署开源模型，推理成本更具优势。"),
        ("华为盘古大模型5.0在[[i:矿山|气象|制造]]行业落地",
         "华为云表示，盘古大模型已在多个行业场景中应用，帮助企业提升生产效率。"),
        ("鸿蒙系统将接入AI智能体，华为小艺全面升级",
         "华为终端表示，新版小艺基于盘古大模型，可跨应用完成复杂任务。"),
    ],
}

T["moonshot"] = {
    "en": [
        ("Moonshot AI's Kimi chatbot adds long-context reasoning mode",
         "The Beijing startup says its assistant can now read and reason over hundreds of pages at once."),
        ("Moonshot AI scales back advertising spend for Kimi as competition heats up",
         "The company, valued at more than $3 billion, is shifting budget from user acquisition to model research."),
    ],
    "zh": [
        ("月之暗面Kimi上线长思考模式，数学推理能力提升",
         "月之暗面表示，Kimi智能助手新模式在多个推理测试中表现接近海外领先模型。"),
        ("月之暗面杨植麟：长文本仍是大模型的核心能力",
         "杨植麟在活动上表示，公司将继续投入长上下文和推理能力研发。"),
        ("月之暗面调整投放策略，Kimi用户增长放缓",
         "有消息称月之暗面削减了广告投放预算，将更多资源投入基础模型训练。"),
    ],
}

T["zhipu"] = {
    "en": [
        ("Zhipu AI raises new funding as it prepares for a possible listing",
         "The Beijing-based maker of the GLM models counts state-backed funds among its investors."),
        ("Zhipu releases GLM-4 update with agent features for phones",
         "The model can operate apps on a user's behalf, the company said, in a demo of autonomous AI agents."),
    ],
    "zh": [
        ("智谱完成新一轮融资，估值超过[[v:200|250|300]]亿元",
         "智谱AI表示，资金将用于GLM基座模型研发和智能体产品，公司正筹备上市。"),
        ("智谱发布GLM-4新版本，手机智能体可自动操作应用",
         "智谱清言新功能可代替用户完成点外卖、订酒店等多步骤任务。"),
        ("智谱开源GLM-4-9B新版，支持百万上下文",
         "智谱表示，开源模型下载量持续增长，企业可免费商用。"),
    ],
}

T["tencent"] = {
    "en": [
        ("Tencent open-sources Hunyuan video generation model",
         "The model, with 13 billion parameters, is available on GitHub and Hugging Face; Tencent says it beats "
         "several closed systems in human evaluations."),
        ("Tencent folds Hunyuan assistant Yuanbao into WeChat search",
         "The integration puts a large language model in front of more than a billion WeChat users."),
    ],
    "zh": [
        ("腾讯混元视频生成模型开源，参数规模130亿",
         "腾讯表示，混元视频模型已在GitHub和Hugging Face发布，开发者可免费下载使用。"),
        ("腾讯元宝接入微信搜一搜，大模型应用加速落地",
         "腾讯混元大模型进一步融入微信生态，用户可直接调用AI助手。"),
        ("腾讯加大AI投入，资本开支同比大幅增长",
         "腾讯表示将持续投资算力基础设施，以支持混元大模型训练与推理。"),
    ],
}

T["minimax"] = {
    "en": [
        ("MiniMax open-sources MiniMax-Text-01 with a 4-million-token context window",
         "The Shanghai startup published the weights of its new foundation model and a vision variant, "
         "betting on open distribution."),
        ("MiniMax's Hailuo video model gains users abroad",
         "The text-to-video tool is one of the most downloaded Chinese AI apps outside China."),
    ],
    "zh": [
        ("MiniMax开源MiniMax-01系列模型，上下文长度达400万tokens",
         "稀宇科技首次开源基座模型，采用线性注意力架构，大幅降低长文本推理成本。"),
        ("海螺AI视频生成模型升级，海外用户增长迅速",
         "MiniMax旗下海螺AI推出新版本视频生成模型，画面一致性明显提升。"),
        ("MiniMax旗下Talkie海外收入增长，商业化路径清晰",
         "稀宇科技的社交陪伴应用在海外市场营收持续增长。"),
    ],
}

T["iflytek"] = {
    "zh": [
        ("科大讯飞星火大模型升级，基于全国产算力训练",
         "科大讯飞表示，讯飞星火在国产算力平台上完成训练，在教育和医疗场景加速落地。"),
        ("科大讯飞发布星火X1推理模型，数学能力提升",
         "讯飞称新模型在多个数学测试中表现优异，将面向教育用户开放。"),
    ],
}

T["01ai"] = {
    "en": [
        ("01.AI pivots from training giant models to enterprise products",
         "Founder Kai-Fu Lee said the startup will focus on smaller models and applications for business customers."),
    ],
    "zh": [
        ("李开复：零一万物将聚焦行业大模型落地",
         "零一万物调整战略，不再追逐超大规模预训练，转向企业应用和商业化。"),
    ],
}

T["openai"] = {
    "en": [
        ("OpenAI rolls out [[m:Operator|Tasks|o1 pro mode]] to ChatGPT [[t:Pro|Plus|Team]] subscribers",
         "<p>The company said [[m]] will reach more users in the coming weeks, starting with paying subscribers in "
         "the US.</p>"),
        ("OpenAI in talks to raise new funding at a valuation near $[[v:260|300|340]] billion",
         "Investors led by a large Japanese tech group are in discussions to put billions into the ChatGPT maker, "
         "people familiar with the talks said."),
        ("OpenAI publishes system card for o3-mini, details red-teaming results",
         "The document describes safety evaluations for misuse in cyberattacks and bioweapons and the guardrails "
         "added before launch."),
        ("Sam Altman: ChatGPT Pro subscriptions are losing money",
         "OpenAI's chief executive said heavy users of the $200-a-month plan cost more to serve than expected, "
         "a sign of how expensive inference remains."),
        ("OpenAI, SoftBank and Oracle outline Stargate data center plans in [[s:Texas|Ohio|Arizona]]",
         "The joint venture aims to invest up to $500 billion in AI infrastructure over four years, filled with "
         "Nvidia GPUs."),
        ("OpenAI faces copyright lawsuit from [[pub:Indian news publishers|a group of Canadian media outlets|book authors]]",
         "The plaintiffs say ChatGPT was trained on their work without permission; OpenAI says its use is fair "
         "and lawful."),
        ("ChatGPT weekly users pass [[u:300|320|350]] million, OpenAI says",
         "The figure makes ChatGPT one of the fastest-growing consumer apps and underpins OpenAI's revenue growth."),
        ("OpenAI cuts API prices for [[m2:GPT-4o mini|realtime audio|batch jobs]] by {p}%",
         "Developers will pay less per million tokens starting next month, OpenAI said, as price competition "
         "among model providers intensifies."),
        ("OpenAI releases economic blueprint urging US investment in AI infrastructure",
         "The policy paper asks Washington for rules that keep frontier AI development in the United States and "
         "warns about competition from China."),
    ],
    "zh": [
        ("OpenAI推出智能体Operator，可代替用户操作浏览器",
         "Operator首先向美国ChatGPT Pro用户开放，可完成订票、购物等任务。"),
        ("OpenAI拟以[[v:3000|3400]]亿美元估值融资",
         "据报道，OpenAI正与多家投资机构洽谈新一轮融资，估值或创新高。"),
        ("奥特曼：ChatGPT Pro订阅目前处于亏损状态",
         "OpenAI首席执行官表示，重度用户的推理成本超出预期。"),
    ],
    "fr": [
        ("OpenAI lance Operator, un agent capable de naviguer sur le web",
         "L'outil est d'abord réservé aux abonnés ChatGPT Pro aux États-Unis ; l'Europe devra attendre."),
        ("OpenAI discute d'une levée de fonds record",
         "La valorisation de la société derrière ChatGPT pourrait dépasser 300 milliards de dollars."),
    ],
}

T["microsoft"] = {
    "en": [
        ("Microsoft adds Copilot features to [[app:Word and Excel|Teams|Outlook|Windows 11]]",
         "The update brings AI summaries and drafting to [[app]] for business customers, Microsoft said."),
        ("Microsoft says Azure AI capacity constraints will ease by midyear",
         "Executives told investors that new data center capacity coming online should help Azure revenue growth."),
        ("Microsoft plans to spend about $80 billion on AI data centers this fiscal year",
         "More than half of the investment will be in the United States, Microsoft's vice chair wrote in a blog post."),
        ("Microsoft publishes Phi-4 weights on Hugging Face under the MIT license",
         "The small language model, previously available only through Azure, is now open for anyone to download "
         "and fine-tune."),
        ("Microsoft raises Microsoft 365 prices as it bundles Copilot",
         "Consumers in several markets will pay more for subscriptions that now include the AI assistant."),
        ("Microsoft forms new engineering group to build AI platform and tools",
         "Satya Nadella said the CoreAI team will bring together developer tools and the Azure AI Foundry."),
        ("GitHub Copilot adds agent mode for [[lang:Python|JavaScript|Java]] projects",
         "The coding assistant can now edit several files and run commands, Microsoft's GitHub said."),
        ("Microsoft signs power deal to supply [[loc:Virginia|Wisconsin|Pennsylvania]] data centers",
         "The long-term agreement is one of several the company has struck to meet the electricity needs of AI."),
    ],
    "zh": [
        ("微软将在本财年投入约800亿美元建设AI数据中心",
         "微软表示，其中一半以上投资将在美国本土。"),
        ("微软Copilot融入Microsoft 365订阅，价格同步上调",
         "微软在多个市场上调个人版订阅价格。"),
    ],
    "fr": [
        ("Microsoft intègre Copilot à Microsoft 365 et augmente ses prix",
         "Les abonnés particuliers paieront davantage pour un service qui inclut désormais l'assistant IA."),
    ],
}

T["google"] = {
    "en": [
        ("Google makes Gemini 2.0 Flash generally available to developers",
         "The model is now the default in the Gemini app and priced below the previous generation, Google said."),
        ("Google DeepMind's Demis Hassabis says AGI could be five to ten years away",
         "Speaking at a conference, the Nobel laureate urged international cooperation on AI safety standards."),
        ("Google folds Gemini features into Workspace plans and raises prices",
         "Business customers will get the AI assistant by default, with subscriptions rising by about $2 per user."),
        ("Google releases Gemma model update with [[f:longer context|new vision support|smaller sizes]]",
         "The open models can run on a single GPU or TPU and are available on Hugging Face and Kaggle."),
        ("Google's Waymo to test robotaxis in [[c:Tokyo|new US cities|winter conditions]]",
         "The Alphabet unit is expanding its driverless service beyond its current markets."),
        ("Google rolls out Gemini 2.0 Flash Thinking experimental reasoning model",
         "The model shows its reasoning steps and tops several leaderboards, Google DeepMind said."),
        ("Alphabet to invest $75 billion in AI infrastructure this year",
         "Google's parent said capital spending on servers and data centers will rise sharply from last year."),
    ],
    "zh": [
        ("谷歌发布Gemini 2.0 Flash Thinking推理模型",
         "谷歌DeepMind表示，新模型会展示推理过程，在多项测试中排名靠前。"),
        ("谷歌Gemini全面接入Workspace，订阅价格上调",
         "企业用户将默认获得AI助手功能，每位用户月费上涨约2美元。"),
    ],
    "fr": [
        ("Google rend Gemini 2.0 Flash accessible à tous les développeurs",
         "Le modèle devient la version par défaut de l'application Gemini, à un prix inférieur à la génération précédente."),
    ],
}

T["nvidia"] = {
    "en": [
        ("Nvidia says Blackwell chips are in full production",
         "Jensen Huang told analysts that demand for the new GPUs exceeds supply and that cloud providers are "
         "ordering at record levels."),
        ("Nvidia unveils Project Digits, a $3,000 desktop AI supercomputer",
         "The small machine uses a Grace Blackwell chip and can run models with up to 200 billion parameters."),
        ("Nvidia shares hit record as AI data center spending keeps climbing",
         "The chipmaker's market value rose above $3.5 trillion as investors bet on another year of heavy "
         "spending by cloud providers."),
        ("US finalises AI chip export rule limiting Nvidia sales to many countries",
         "The framework caps how many GPUs can be shipped to most nations; Nvidia called the rule an overreach."),
        ("Nvidia invests in [[s:an AI drug discovery startup|a robotics startup|a cloud GPU provider]]",
         "The chipmaker has been an active investor in companies that build on its CUDA software and hardware."),
        ("Nvidia's China-specific H20 chip faces new scrutiny in Washington",
         "Lawmakers question whether sales of the cut-down GPU still help Chinese AI labs despite export controls."),
    ],
    "zh": [
        ("英伟达黄仁勋：Blackwell芯片已全面量产",
         "黄仁勋表示，云服务商对新一代GPU需求强劲，供不应求。"),
        ("美国发布AI芯片出口管制新规，英伟达称其过度限制",
         "新规对多数国家的先进GPU出口设置上限，中美科技博弈进一步加剧。"),
        ("英伟达H20在华销量受关注，国产芯片加速追赶",
         "业内人士称，美国出口管制收紧后，国内企业正加快采购国产算力。"),
    ],
    "fr": [
        ("Nvidia : les puces Blackwell en production à plein régime",
         "Jensen Huang assure que la demande des fournisseurs de cloud dépasse l'offre."),
    ],
}

T["anthropic"] = {
    "en": [
        ("Anthropic in talks to raise $2 billion at a $60 billion valuation",
         "The maker of the Claude models is also expanding its partnership with Amazon Web Services."),
        ("Anthropic adds citations feature to the Claude API",
         "Developers can have Claude point to the exact sentences in source documents that support an answer, "
         "reducing hallucinations."),
        ("Anthropic research shows models can fake alignment during training",
         "The safety study found that Claude sometimes complied with requests it would normally refuse when it "
         "believed its answers would be used to retrain it."),
        ("Dario Amodei says Anthropic will ship a reasoning model soon",
         "The chief executive also argued for export controls on advanced chips to keep democracies ahead in AI."),
        ("Anthropic achieves ISO 42001 certification for AI management",
         "The company said the standard covers responsible development and risk management practices."),
        ("Anthropic launches bug bounty for jailbreaks of its new safety classifiers",
         "Researchers can earn up to $15,000 for finding universal jailbreaks that get past the guardrails."),
    ],
    "fr": [
        ("Anthropic veut lever 2 milliards de dollars",
         "Le concepteur de Claude serait valorisé 60 milliards de dollars, selon la presse américaine."),
    ],
}

T["meta"] = {
    "en": [
        ("Meta plans to spend up to $65 billion on AI this year",
         "Mark Zuckerberg said the company will bring about a gigawatt of computing capacity online and end the "
         "year with more than 1.3 million GPUs."),
        ("Meta says Llama models were downloaded [[d:650|700|750]] million times",
         "The open-weight family is used by companies from banks to telecoms, Meta said."),
        ("Authors' lawsuit says Meta trained Llama on pirated books",
         "Court filings in the copyright case claim staff discussed using a shadow library; Meta says its use "
         "was lawful."),
        ("Meta AI assistant reaches [[u:600|700]] million monthly users",
         "The assistant is built into WhatsApp, Instagram and Facebook, Meta said."),
        ("Yann LeCun: open-source AI will beat proprietary models",
         "Meta's chief AI scientist said open research lets everyone build on each other's work."),
        ("Meta to test Llama-powered features in Ray-Ban smart glasses",
         "The AI assistant will be able to answer questions about what the wearer sees."),
    ],
    "zh": [
        ("Meta今年将投入最高650亿美元发展人工智能",
         "扎克伯格表示，Meta年底将拥有超过130万块GPU。"),
    ],
    "fr": [
        ("Meta va investir jusqu'à 65 milliards de dollars dans l'IA",
         "Mark Zuckerberg promet plus de 1,3 million de GPU d'ici la fin de l'année."),
        ("Llama : Meta revendique des centaines de millions de téléchargements",
         "La famille de modèles à poids ouverts s'impose dans les entreprises, selon Meta."),
    ],
}

T["mistral"] = {
    "en": [
        ("Mistral AI releases Mistral Small 3 under Apache 2.0",
         "The French startup says the 24-billion-parameter open model matches larger rivals while running on a "
         "single GPU."),
        ("Mistral AI signs deal with [[p:a French news agency|a European bank|the French army]]",
         "The agreement gives the partner access to Mistral's models and its Le Chat assistant."),
        ("Mistral AI chief says an IPO is on the roadmap",
         "Arthur Mensch said the company is not for sale and intends to stay independent and European."),
        ("Codestral update boosts Mistral's coding assistant",
         "The new version of the code model is faster and supports a longer context window, Mistral said."),
    ],
    "fr": [
        ("Mistral AI publie Mistral Small 3 en open source",
         "La start-up parisienne met en ligne un modèle de 24 milliards de paramètres sous licence Apache 2.0."),
        ("Arthur Mensch : « Mistral AI n'est pas à vendre »",
         "Le patron de la start-up évoque une future introduction en Bourse et défend la souveraineté européenne."),
        ("Mistral AI signe un accord avec [[p:l'AFP|une grande banque|le ministère des Armées]]",
         "Le partenaire aura accès aux modèles de Mistral AI et à son assistant Le Chat."),
        ("Le Chat de Mistral AI dépasse le million de téléchargements",
         "L'assistant de la start-up française progresse sur mobile après une nouvelle mise à jour."),
        ("Mistral AI ouvre un bureau à [[v:Singapour|Munich|Londres]]",
         "La start-up poursuit son expansion internationale et recrute des ingénieurs."),
    ],
}

T["amazon"] = {
    "en": [
        ("Amazon Web Services launches Nova models on Bedrock",
         "The in-house foundation models are priced well below rivals, AWS said."),
        ("AWS to invest $11 billion in Georgia data centers for AI",
         "The cloud unit of Amazon said the investment will support generative AI workloads."),
        ("Amazon readies Alexa revamp built on generative AI",
         "The new assistant, delayed several times, is expected to launch as a paid service."),
    ],
}

T["xai"] = {
    "en": [
        ("xAI releases standalone Grok app for iPhone",
         "The chatbot from Elon Musk's AI company no longer requires an X account."),
        ("xAI expands Colossus supercomputer in Memphis",
         "The company plans to grow the cluster to a million GPUs, according to local officials."),
        ("xAI says Grok 3 finished pre-training",
         "Elon Musk said the model was trained with ten times the compute of its predecessor."),
    ],
}

T["apple"] = {
    "en": [
        ("Apple pauses AI news summaries after errors in notifications",
         "Apple Intelligence will stop summarizing alerts from news apps until the feature is improved."),
        ("Apple Intelligence to arrive in more languages in April",
         "Apple said Siri and writing tools will support French, German, Chinese and other languages."),
    ],
    "zh": [
        ("苹果公司：Apple Intelligence中文版将于4月上线",
         "苹果表示，Siri和写作工具将支持中文等多种语言。"),
    ],
}

T["huggingface"] = {
    "en": [
        ("Hugging Face starts open project to reproduce reasoning models",
         "The Open-R1 effort will publish training data and code so anyone can build a reasoning model."),
        ("Hugging Face says its hub now hosts more than a million models",
         "Open-weight models from Chinese labs are among the fastest-growing on the platform."),
    ],
    "fr": [
        ("Hugging Face franchit le cap du million de modèles hébergés",
         "La plateforme franco-américaine est devenue le point de ralliement de l'IA open source."),
    ],
}

T["cohere"] = {
    "en": [
        ("Cohere launches North, a workplace AI platform for enterprises",
         "The Canadian company says the platform keeps sensitive data inside customers' own cloud."),
        ("Cohere releases Command R7B, its smallest model yet",
         "The model targets fast, cheap retrieval tasks for enterprise customers."),
    ],
}

T["eu"] = {
    "en": [
        ("EU publishes second draft of code of practice for general-purpose AI",
         "The AI Act code sets out transparency and copyright obligations; industry groups call the draft too strict."),
        ("First AI Act bans take effect on February 2",
         "Regulators can now act against prohibited practices such as social scoring and some emotion recognition."),
        ("European Commission opens consultation on AI Act definitions",
         "The guidance will clarify which systems count as AI under the new regulation."),
    ],
    "fr": [
        ("AI Act : les premières interdictions entrent en vigueur le 2 février",
         "La notation sociale et certaines reconnaissances d'émotions sont désormais interdites dans l'Union."),
        ("Code de bonnes pratiques de l'AI Act : les entreprises d'IA dénoncent un texte trop strict",
         "Le deuxième projet impose des obligations de transparence et de respect du droit d'auteur."),
        ("Sommet pour l'action sur l'IA : Paris prépare la rencontre de février",
         "L'Élysée veut mettre l'accent sur l'investissement et la souveraineté européenne en matière d'intelligence artificielle."),
        ("La CNIL publie ses recommandations sur l'IA et le RGPD",
         "Le régulateur précise comment entraîner un modèle en respectant la protection des données."),
    ],
}


# More specific headlines where a company's weekly rate would otherwise repeat them.
T["nvidia"]["en"] += [
    ("Nvidia's GB200 NVL72 racks begin shipping to cloud providers",
     "The liquid-cooled systems link 72 Blackwell GPUs and are the building block of the largest AI clusters now "
     "under construction."),
    ("Nvidia releases Cosmos world models for robotics under an open license",
     "Developers can download the models to generate training data for robots and self-driving cars."),
    ("Nvidia launches GeForce RTX 50 series with AI-generated frames",
     "The new graphics cards lean on neural rendering; the top model costs $1,999."),
    ("Analysts raise Nvidia price targets ahead of earnings",
     "Brokers expect data center revenue to beat forecasts again as cloud providers keep buying GPUs."),
    ("TSMC says AI chip demand keeps its advanced packaging lines full",
     "The foundry's biggest customer, Nvidia, is moving its Blackwell chips to a new packaging technology."),
    ("Nvidia faces antitrust probe in China over an old acquisition",
     "Regulators say the chipmaker may have breached conditions attached to its purchase of Mellanox."),
]
T["nvidia"]["zh"] += [
    ("英伟达发布Cosmos世界模型，面向机器人与自动驾驶开发",
     "英伟达称，开发者可下载模型生成训练数据，模型以开放许可提供。"),
    ("英伟达RTX 50系列显卡发布，AI性能大幅提升",
     "新一代GeForce显卡依托神经渲染技术，旗舰型号定价1999美元。"),
    ("英伟达市值再创新高，AI芯片需求依旧旺盛",
     "分析师认为，云服务商资本开支持续增长，数据中心芯片供不应求。"),
    ("英伟达推出机器人开发平台，押注物理AI",
     "英伟达表示，新平台结合芯片、仿真软件和世界模型，帮助企业训练人形机器人。"),
    ("黄仁勋春节前访问中国大陆分公司",
     "英伟达首席执行官黄仁勋此行将走访多地员工，外界关注其对中国市场的表态。"),
]
T["apple"]["en"] += [
    ("Tim Cook says Apple Intelligence is lifting iPhone upgrades in markets where it is available",
     "Apple's chief executive told analysts the AI features are driving demand, though sales in China fell."),
    ("Siri overhaul with personal context may slip, report says",
     "Apple is said to be struggling to ship the smarter assistant promised as part of Apple Intelligence."),
]
T["huggingface"]["en"] += [
    ("Hugging Face launches smolagents, a small library for AI agents",
     "The open-source tool lets developers build agents that write and run code in a few lines."),
    ("Hugging Face releases a tiny open vision model that runs in a browser",
     "The open-weight model has fewer than 300 million parameters and is released under Apache 2.0."),
]
T["amazon"]["en"] += [
    ("AWS makes Trainium2 chips generally available",
     "Amazon's in-house AI accelerators promise lower training costs than comparable Nvidia GPUs, AWS said."),
    ("Amazon Q Developer adds agents that upgrade old code",
     "The coding assistant from Amazon Web Services can now migrate Java applications automatically."),
]
T["xai"]["en"] += [
    ("xAI raises $6 billion in new funding",
     "Investors in Elon Musk's AI company include large asset managers and sovereign funds; the valuation was "
     "not disclosed."),
    ("xAI opens Grok API to developers with free monthly credits",
     "The company hopes lower prices will win developers from larger rivals."),
]
T["cohere"]["en"] += [
    ("Cohere expands Command R+ availability to more cloud platforms",
     "The Toronto company says enterprise customers want to run its models where their data already lives."),
]
T["eu"]["en"] += [
    ("Brussels weighs simplifying digital rules as AI Act deadlines approach",
     "Companies have lobbied for delays; the Commission says the law's goals will not change."),
    ("UK publishes AI Opportunities Action Plan",
     "The government wants more compute, data centers and a lighter regulatory touch to attract AI investment."),
]
T["eu"]["fr"] += [
    ("Intelligence artificielle : Bruxelles veut simplifier ses règles numériques",
     "La Commission promet de ne pas toucher aux objectifs de l'AI Act, mais les entreprises réclament un report."),
    ("La France annonce de nouveaux centres de données pour l'IA",
     "Le gouvernement met en avant un investissement de plusieurs milliards d'euros et l'énergie nucléaire."),
]

T["nvidia"]["fr"] += [
    ("Nvidia dévoile Project Digits, un supercalculateur d'IA de bureau",
     "La machine, vendue 3 000 dollars, embarque une puce Grace Blackwell."),
    ("Exportations de puces : Washington durcit les règles, Nvidia proteste",
     "Le nouveau cadre américain plafonne les ventes de GPU vers de nombreux pays, y compris européens."),
]
T["nvidia"]["en"] += [
    ("Nvidia opens new engineering center in Taiwan",
     "The chipmaker plans to hire hundreds of engineers to work on AI supercomputer designs."),
    ("Nvidia supplier SK Hynix says HBM sales doubled",
     "The memory maker expects demand for high-bandwidth memory used in AI GPUs to stay strong all year."),
]
T["eu"]["fr"] += [
    ("IA et droit d'auteur : les éditeurs français demandent plus de transparence",
     "Les organisations professionnelles veulent savoir quelles œuvres servent à entraîner les modèles d'IA."),
    ("Le Royaume-Uni publie son plan pour l'intelligence artificielle",
     "Londres veut plus de puissance de calcul et une régulation plus légère pour attirer les investissements."),
]
T["huggingface"]["fr"] += [
    ("Hugging Face lance une bibliothèque open source pour créer des agents d'IA",
     "L'outil permet de construire un agent capable d'écrire et d'exécuter du code en quelques lignes."),
]

# Policy news that names no company: governments, regulators, researchers.
RATES["policy"] = (3, {"en": 6, "zh": 4})
T["policy"] = {
    "en": [
        ("California lawmakers revive AI safety bill with a narrower scope",
         "The new bill would require large AI developers to publish safety plans and protect whistleblowers."),
        ("UK AI Security Institute publishes evaluations of frontier models",
         "Testers found that safeguards on several large language models could be bypassed with simple jailbreaks."),
        ("Report finds deepfake scams rising, urges watermarking rules",
         "Researchers counted a sharp increase in voice-cloning fraud using generative AI and called for regulation."),
        ("US rule on AI model weights draws industry pushback",
         "The export control framework restricts sharing the weights of the most powerful closed models with "
         "many countries, a national security measure critics say will backfire."),
        ("Senate hearing examines AI chatbots' risks to children",
         "Parents and researchers asked lawmakers for age checks and safety standards for AI companions."),
        ("New York proposes rules for AI used in hiring decisions",
         "Employers would have to audit automated tools for bias and tell candidates when AI is involved."),
        ("International AI safety report warns of fast-moving risks",
         "Dozens of scientists say general-purpose AI could enable cyberattacks and biological misuse and that "
         "policymakers face an evidence dilemma."),
        ("Netherlands widens export controls on chipmaking tools",
         "The rules cover more lithography equipment and align with US export controls aimed at China's AI and "
         "semiconductor industry."),
        ("Investigators say AI chips reach China through third countries",
         "A report describes how advanced GPUs are smuggled through resellers in Southeast Asia despite sanctions."),
        ("US adds more Chinese AI and chip firms to the entity list",
         "The Commerce Department cited national security concerns; the companies can no longer buy US technology "
         "without a license."),
        ("G7 officials discuss shared approach to AI and national security",
         "Diplomats want common rules for frontier AI and closer coordination on export controls."),
        ("Think tank says US-China AI race is narrowing",
         "The study argues export controls slowed but did not stop Chinese labs, and calls for more research funding."),
    ],
    "zh": [
        ("网信办公布新一批生成式人工智能服务备案信息",
         "截至目前，已有数百款大模型服务完成备案，监管部门表示将持续加强管理。"),
        ("《人工智能生成合成内容标识办法》征求意见",
         "征求意见稿要求对AI生成的文本、图片和视频添加显式或隐式标识，防范深度伪造风险。"),
        ("专家呼吁加强大模型安全评测，防范越狱攻击",
         "多位学者表示，大模型越狱和提示注入等安全风险日益突出，需要建立统一的测评标准。"),
        ("中美学者举行人工智能风险对话",
         "双方讨论了前沿人工智能的安全风险与治理合作，中美在AI领域的竞争与对话并存。"),
        ("多地出台政策支持人工智能产业发展，算力补贴加码",
         "地方政府推出算力券和专项资金，支持大模型企业降低训练成本。"),
        ("全国人工智能标准化技术委员会发布大模型安全标准草案",
         "草案对训练数据安全、模型安全评测和应急处置提出要求，将推动行业规范发展。"),
        ("美国拟进一步限制AI芯片对华出口，业内关注国产替代进展",
         "分析人士认为，出口管制持续收紧将加速国产算力自主可控，中美科技博弈仍在延续。"),
        ("未成年人使用AI应用引关注，监管要求完善防沉迷机制",
         "有关部门表示，将督促AI应用加强未成年人保护，防范有害内容。"),
    ],
}

# Generic headlines, filled with each company's own names, so a busy company does not repeat itself.
# Each tuple: title, summary, companies it does not fit.
INFO = {
    "deepseek": ("DeepSeek", "DeepSeek-V3", "Liang Wenfeng", "深度求索", "DeepSeek-V3", "杭州"),
    "alibaba": ("Alibaba Cloud", "Qwen", "Eddie Wu", "阿里云", "通义千问", "杭州"),
    "baidu": ("Baidu", "ERNIE", "Robin Li", "百度", "文心大模型", "北京"),
    "bytedance": ("ByteDance", "Doubao", "Liang Rubo", "字节跳动", "豆包大模型", "北京"),
    "huawei": ("Huawei", "Pangu", "Eric Xu", "华为", "盘古大模型", "深圳"),
    "moonshot": ("Moonshot AI", "Kimi", "Yang Zhilin", "月之暗面", "Kimi", "北京"),
    "zhipu": ("Zhipu AI", "GLM-4", "Zhang Peng", "智谱", "GLM-4", "北京"),
    "tencent": ("Tencent", "Hunyuan", "Pony Ma", "腾讯", "混元大模型", "深圳"),
    "minimax": ("MiniMax", "MiniMax-Text-01", "Yan Junjie", "MiniMax", "海螺AI", "上海"),
    "iflytek": ("iFlytek", "Spark", "Liu Qingfeng", "科大讯飞", "讯飞星火", "合肥"),
    "01ai": ("01.AI", "Yi-Lightning", "Kai-Fu Lee", "零一万物", "Yi-Lightning", "北京"),
    "openai": ("OpenAI", "ChatGPT", "Sam Altman", "OpenAI", "ChatGPT", ""),
    "microsoft": ("Microsoft", "Copilot", "Satya Nadella", "微软", "Copilot", ""),
    "google": ("Google", "Gemini", "Sundar Pichai", "谷歌", "Gemini", ""),
    "anthropic": ("Anthropic", "Claude", "Dario Amodei", "Anthropic", "Claude", ""),
    "meta": ("Meta", "Llama", "Mark Zuckerberg", "Meta", "Llama", ""),
    "mistral": ("Mistral AI", "Le Chat", "Arthur Mensch", "", "", ""),
    "amazon": ("Amazon Web Services", "Amazon Nova", "Andy Jassy", "", "", ""),
    "xai": ("xAI", "Grok", "Elon Musk", "", "", ""),
    "cohere": ("Cohere", "Command R+", "Aidan Gomez", "", "", ""),
}
NOT_API = {"meta", "microsoft", "huawei"}  # no pay-per-token API of their own models to discount
GENERIC = {
    "en": [
        ("{co} opens research office in [[Singapore|Tokyo|Zurich|Bangalore|Dubai]]",
         "The company plans to hire researchers and engineers to work on {prod} and future models.", set()),
        ("{co} hires [[a former cloud executive|a veteran chip architect|a well-known robotics researcher]] to lead new team",
         "The hire is part of a push to bring more of {prod}'s development in-house, a spokesperson said.", set()),
        ("{co} lowers {prod} API prices by {p}% for developers",
         "The price cut takes effect next week and applies per million tokens of input and output.", NOT_API),
        ("{co} publishes safety evaluation of its latest {prod} model",
         "The report covers jailbreak resistance, misuse risks and the guardrails added before release.", set()),
        ("{ceo}: the next {prod} model will be much better at reasoning",
         "In an interview, {ceo} said agents that can complete long tasks are the company's main focus this year.",
         set()),
        ("{co} adds memory and voice features to its {prod} assistant",
         "Users can now ask the AI assistant to remember preferences across conversations.", set()),
        ("{co} expands {prod} to [[Japan|South Korea|Brazil|Indonesia|the Gulf states]]",
         "The rollout adds local language support and data residency options for business customers.", set()),
        ("{co} signs deal with [[a large European bank|a global carmaker|a major telecom operator|a national airline]]",
         "The partner will build customer service and internal tools on {prod}, in a deal worth an undisclosed sum.",
         set()),
        ("Privacy groups question how {co} uses {prod} conversations",
         "Advocates asked data protection regulators to examine how long user chats are kept and whether they train "
         "future models.", set()),
        ("{co} releases {prod} update with a [[longer context window|faster response mode|new coding mode]]",
         "The update is rolling out to users and developers this week, {co} said.", set()),
        ("{co} says demand for AI compute is outstripping its supply of GPUs",
         "The company is adding data center capacity and renting chips from partners to keep up with {prod} usage.",
         set()),
        ("{co}'s {prod} scores highly on new [[coding|math|multilingual]] benchmark",
         "Independent testers placed the model near the top of the leaderboard.", set()),
        ("{co} updates usage policy to bar [[election deepfakes|surveillance uses|political campaigning]] with {prod}",
         "The company said it will use automated classifiers and human review to enforce the safety rules.", set()),
        ("{co} plans developer conference for [[March|April|May]]",
         "{ceo} is expected to present new {prod} models and tools for building AI agents.", set()),
    ],
    "zh": [
        ("{zco}发布{zprod}新版本，推理能力显著提升", "{zco}表示，新版大模型在数学和代码任务上表现更好。", set()),
        ("{zco}下调{zprod}API价格，降幅达{p}%", "{zco}称，降价后开发者调用成本进一步降低，大模型价格战持续。", NOT_API),
        ("{zco}：{zprod}月活跃用户突破[[1000|2000|3000|5000]]万", "{zco}表示，大模型应用用户规模持续增长。", set()),
        ("{zco}在{city}举办开发者活动，发布多款AI应用", "{zco}介绍了基于{zprod}的智能体与行业解决方案。", set()),
        ("{zco}发布大模型安全报告，防范越狱与深度伪造风险", "报告介绍了{zprod}在安全评测、内容审核方面的做法。", set()),
        ("{zco}与[[多家银行|汽车厂商|电信运营商]]达成大模型合作", "合作方将基于{zprod}开发客服与办公应用，推动大模型商业化。",
         set()),
        ("{zco}{zprod}上线智能体功能，可自动完成多步骤任务", "用户可让AI助手代为完成搜索、整理和预订等操作。", set()),
        ("{zco}扩充算力储备，计划新建智算中心", "{zco}表示，新增算力将用于{zprod}的训练与推理。", set()),
        ("{zco}回应数据隐私问题：用户对话不用于训练", "{zco}表示，{zprod}严格遵守个人信息保护相关法规。", set()),
        ("{zco}{zprod}登顶[[中文|数学|代码]]评测榜单", "第三方评测显示，{zprod}在多项测试中排名前列。", set()),
    ],
    "fr": [
        ("{co} ouvre un bureau à Paris", "L'entreprise veut recruter des chercheurs en intelligence artificielle en France.",
         {"mistral"}),
        ("{co} baisse les prix de {prod} pour les développeurs", "La baisse de prix s'applique dès la semaine prochaine.",
         NOT_API),
        ("{co} signe un partenariat avec [[un groupe de médias français|une grande banque européenne|un opérateur télécom]]",
         "Le partenaire développera des outils internes fondés sur {prod}.", set()),
        ("{co} publie un rapport sur la sécurité de {prod}",
         "Le document détaille les tests de résistance aux détournements et les garde-fous du modèle d'IA.", set()),
        ("{co} met à jour {prod} avec de nouvelles fonctions", "Mémoire, voix et recherche web arrivent pour les "
         "utilisateurs européens de l'assistant IA.", set()),
    ],
}


def generic_templates(company, lang):
    if company not in INFO:
        return []
    co, prod, ceo, zco, zprod, city = INFO[company]
    if lang == "zh" and not zco:
        return []
    out = []
    for title, summary, skip in GENERIC.get(lang, []):
        if company in skip:
            continue
        fill = {"{co}": co, "{prod}": prod, "{ceo}": ceo, "{zco}": zco, "{zprod}": zprod, "{city}": city}
        for k, v in fill.items():
            title, summary = title.replace(k, v), summary.replace(k, v)
        out.append((title, summary))
    return out


# ---------------------------------------------------------------------------------------------------------------
# The story, item by item: (day, feed id, title, summary). Days count from START (day 20 = 2025-01-25).
# Syndicated copies are built by wire(): one story, the same headline on several feeds with small variations.
# ---------------------------------------------------------------------------------------------------------------
def wire(day, copies, title, summary):
    """copies: (feed id, title suffix, replacement summary or None) for each feed that carries the story."""
    return [(day, feed, title + suffix, alt or summary) for feed, suffix, alt in copies]


STORY = []

# Day 20, Saturday 2025-01-25: the release.
STORY += wire(20, [("demo-techwire", "", None),
                   ("demo-open-weights", "", "<p>DeepSeek-R1 is out with open weights under the MIT license. The "
                    "Chinese lab claims parity with OpenAI's o1 on math and coding benchmarks and says training cost a "
                    "small fraction of what US labs spend. Six distilled versions come with it.</p>"),
                   ("demo-frontier-ledger", " - TechWire", None)],
              "DeepSeek releases open-weight R1 reasoning model, says it rivals OpenAI o1",
              "<p>Chinese startup DeepSeek published its R1 reasoning model with open weights under an MIT license, "
              "claiming performance comparable to OpenAI's o1 at a fraction of the training cost.</p>")
STORY += [
    (20, "demo-zhineng", "深度求索发布推理模型DeepSeek-R1并开源权重，性能对标OpenAI o1",
     "<p>深度求索正式发布DeepSeek-R1，采用MIT协议开源模型权重，并同步开源六个蒸馏小模型。公司称其训练成本远低于海外同类模型。</p>"),
]

# Day 21, Sunday 2025-01-26: the app climbs the charts; Kimi answers.
STORY += [
    (21, "demo-techwire", "DeepSeek's chatbot climbs toward the top of the US App Store",
     "<p>The free assistant, powered by the new open-weight R1 model, jumped up the download charts over the "
     "weekend as users compared it with ChatGPT.</p>"),
    (21, "demo-open-weights", "Reasoning on a budget: we tested DeepSeek-R1 against OpenAI o1",
     "<p>On our math and coding prompts the open-weight model held its own, and its API costs about 3% of "
     "o1's price per million tokens.</p>"),
    (21, "demo-frontier-ledger", "Meta engineers scramble to study DeepSeek's cost efficiency, report says",
     "<p>Teams working on Llama were asked to dissect how the Chinese lab trained competitive models so cheaply, "
     "according to people familiar with the matter.</p>"),
    (21, "demo-kuaixun", "DeepSeek-R1技术报告：纯强化学习激发大模型推理能力",
     "<p>深度求索公布R1训练方法，以大规模强化学习为核心，模型权重和技术报告全部开源。</p>"),
    (21, "demo-zhineng", "DeepSeek应用下载量猛增，登顶多国App Store免费榜",
     "<p>DeepSeek-R1发布后，深度求索的聊天应用在多个国家的下载榜单快速攀升，低成本开源路线受到关注。</p>"),
    (21, "demo-la-puce", "DeepSeek-R1 : la Chine rattrape-t-elle OpenAI à moindre coût ?",
     "<p>Le modèle de raisonnement de la start-up chinoise, publié en open source, rivalise avec o1 pour une "
     "fraction du coût d'entraînement annoncé.</p>"),
    (21, "demo-techwire", "Moonshot AI's Kimi k1.5 claims o1-level math reasoning",
     "<p>The Beijing startup said its new multimodal reasoning model matches OpenAI's o1 on several math "
     "benchmarks, days after a similar claim by a rival lab.</p>"),
    (21, "demo-kuaixun", "月之暗面发布Kimi k1.5多模态推理模型",
     "<p>月之暗面称，Kimi k1.5在数学和代码推理测试中达到OpenAI o1水平，并公开了技术报告。</p>"),
]

# Day 22, Monday 2025-01-27: the sell-off. One wire story syndicated five times, plus everyone's own angle.
STORY += wire(22, [("demo-techwire", "", None),
                   ("demo-frontier-ledger", " - TechWire", None),
                   ("demo-morning-post", " | TechWire",
                    "<p>Nvidia shares fell as much as 17% on Monday after Chinese startup DeepSeek said its open-weight "
                    "R1 model matches OpenAI's o1 at a fraction of the training cost.</p>"),
                   ("demo-silicon-signal", "",
                    "<p>(TechWire) Nvidia lost close to $600 billion in market value on Monday, its biggest one-day "
                    "loss, after DeepSeek's cheap open-weight R1 model made investors question how many GPUs AI "
                    "really needs.</p>"),
                   ("demo-policy-watch", " (TechWire)", None)],
              "DeepSeek's cheap open-weight model sends AI chip stocks tumbling",
              "<p>Nvidia shares fell as much as 17% on Monday after Chinese startup DeepSeek said its open-weight R1 "
              "reasoning model matches OpenAI's o1 at a fraction of the training cost, prompting investors to question "
              "the billions being spent on AI data centers.</p>")
STORY += wire(22, [("demo-zhineng", "", None),
                   ("demo-kuaixun", "｜快讯", None),
                   ("demo-suanli", "",
                    "<p>深度求索开源推理模型DeepSeek-R1，以极低训练成本实现接近OpenAI o1的性能，英伟达股价周一大跌约17%，"
                    "市场开始重新评估算力需求。</p>")],
              "深度求索开源推理模型引发全球关注，英伟达股价大跌",
              "<p>深度求索DeepSeek-R1以低成本训练、开源权重的方式发布，美股AI芯片板块周一集体下跌，英伟达市值单日大幅缩水。</p>")
STORY += [
    (22, "demo-open-weights", "DeepSeek-R1 becomes the most downloaded model on Hugging Face",
     "<p>The open-weight reasoning model and its distilled versions were pulled hundreds of thousands of times in "
     "a weekend; the MIT license allows commercial use and distillation.</p>"),
    (22, "demo-open-weights", "Distilled DeepSeek-R1 models built on Qwen and Llama run on a laptop",
     "<p>DeepSeek also open-sourced six small models distilled from R1, based on Alibaba's Qwen and Meta's Llama, "
     "which bring step-by-step reasoning to consumer GPUs.</p>"),
    (22, "demo-frontier-ledger", "Nvidia sheds nearly $600 billion in market value as DeepSeek rattles investors",
     "<p>It was the largest one-day loss of market value for any US company. Broadcom, Oracle and power utilities "
     "also fell as investors reconsidered AI spending after DeepSeek's low-cost model.</p>"),
    (22, "demo-frontier-ledger", "Analysts question DeepSeek's $6 million training cost claim",
     "<p>The figure covers only the final training run of the V3 base model, not research, data or the hardware "
     "itself, analysts say; the true cost of DeepSeek's work is likely far higher.</p>"),
    (22, "demo-policy-watch", "US lawmakers call DeepSeek a wake-up call and urge tighter chip export controls",
     "<p>Members of Congress from both parties said the Chinese lab's progress shows export controls on Nvidia "
     "chips have gaps, and asked the Commerce Department to close them.</p>"),
    (22, "demo-policy-watch", "White House reviews national security implications of DeepSeek",
     "<p>Officials are looking at the Chinese open-weight model and its popular app, a spokesperson said, as the "
     "AI race with China moves to the top of the agenda.</p>"),
    (22, "demo-techwire", "DeepSeek limits new sign-ups after 'large-scale malicious attacks'",
     "<p>The Chinese AI company said existing users are not affected; registration with Chinese phone numbers "
     "still works.</p>"),
    (22, "demo-techwire", "Sam Altman calls DeepSeek's R1 'impressive', promises better models",
     "<p>OpenAI's chief executive said competition is invigorating and that the company will pull up some "
     "releases, while insisting more compute remains the key to progress.</p>"),
    (22, "demo-silicon-signal", "How DeepSeek trained a frontier model on export-compliant H800 GPUs",
     "<p>Low-level optimisations below CUDA, FP8 training and a mixture-of-experts design let DeepSeek squeeze more "
     "out of the cut-down Nvidia chips it was allowed to buy, cutting the cost of training.</p>"),
    (22, "demo-silicon-signal", "Chip stocks from Broadcom to ASML slide on DeepSeek efficiency fears",
     "<p>Semiconductor shares worldwide fell as traders bet that cheaper training could reduce demand for GPUs "
     "and high-bandwidth memory.</p>"),
    (22, "demo-morning-post", "What is DeepSeek? The Chinese AI lab that spooked Wall Street",
     "<p>A small team in Hangzhou, funded by a hedge fund, released an open-source model that rivals the best from "
     "Silicon Valley at a fraction of the cost. Here is what we know.</p>"),
    (22, "demo-kuaixun", "DeepSeek-R1训练成本仅为海外模型零头，开源权重引发热议",
     "<p>深度求索称R1基座模型最终训练成本约600万美元，业内人士提醒该数字不含前期研究和硬件投入。</p>"),
    (22, "demo-suanli", "英伟达市值单日蒸发近6000亿美元，深度求索冲击算力叙事",
     "<p>深度求索低成本路线让市场质疑大规模算力投入的必要性，美股芯片股普遍下跌。</p>"),
    (22, "demo-zhineng", "美国议员呼吁收紧对华芯片出口管制，称深度求索是“警钟”",
     "<p>多名美国国会议员表示，深度求索的进展说明现有出口管制存在漏洞，中美AI竞争进一步升温。</p>"),
    (22, "demo-kuaixun", "深度求索遭遇大规模恶意攻击，暂时限制新用户注册",
     "<p>深度求索表示，已注册用户可正常使用，服务安全团队正在处理攻击。</p>"),
    (22, "demo-zhineng", "梁文锋：开源是吸引人才的最好方式",
     "<p>深度求索创始人表示，公司坚持开源路线，不急于融资，希望与全球开发者共同推进通用人工智能。</p>"),
    (22, "demo-la-puce", "DeepSeek : le modèle chinois open source qui fait chuter Nvidia en Bourse",
     "<p>Le titre de Nvidia a perdu près de 17 % lundi après la publication de DeepSeek-R1, un modèle de "
     "raisonnement à poids ouverts entraîné pour une fraction du coût habituel.</p>"),
    (22, "demo-la-puce", "DeepSeek-R1 : ce que l'on sait du coût d'entraînement annoncé",
     "<p>Les 6 millions de dollars avancés par la start-up ne couvrent que la dernière phase d'entraînement, "
     "rappellent les chercheurs.</p>"),
    (22, "demo-open-weights", "Alibaba's Qwen team says a bigger open release is days away",
     "<p>After the weekend's open-weight releases from Chinese rivals, Alibaba said new Qwen2.5 vision models will "
     "be open-sourced this week.</p>"),
]

# Day 23, Tuesday 2025-01-28: the followers and the regulators.
STORY += [
    (23, "demo-techwire", "Alibaba says Qwen2.5-Max outperforms DeepSeek-V3",
     "<p>The Chinese e-commerce group released its new flagship model on the eve of the Lunar New Year, saying it "
     "beats DeepSeek's open model on several benchmarks.</p>"),
    (23, "demo-open-weights", "Alibaba open-sources Qwen2.5-VL vision-language models",
     "<p>The models come in three sizes with open weights; the two smaller ones use the Apache 2.0 license. "
     "Alibaba says the largest can operate a computer and a phone.</p>"),
    (23, "demo-open-weights", "DeepSeek releases Janus-Pro image model with open weights",
     "<p>The multimodal model generates and understands images and, DeepSeek says, beats OpenAI's DALL-E 3 on two "
     "benchmarks. The weights are on Hugging Face under the MIT license.</p>"),
    (23, "demo-open-weights", "Moonshot AI open-sources Kimi k1.5 weights as Chinese labs follow DeepSeek",
     "<p>The Beijing startup published the weights of a smaller Kimi reasoning model on Hugging Face, joining the "
     "wave of open releases.</p>"),
    (23, "demo-policy-watch", "White House says DeepSeek should be a wake-up call for US industry",
     "<p>Officials said the administration is looking at the national security implications and at whether "
     "chips reached DeepSeek in breach of export controls.</p>"),
    (23, "demo-policy-watch", "Italy's privacy regulator asks DeepSeek how it handles user data",
     "<p>The Garante gave the Chinese company 20 days to explain what personal data it collects and where it is "
     "stored, under GDPR rules.</p>"),
    (23, "demo-frontier-ledger", "Nvidia rebounds 9% after record sell-off as investors reassess DeepSeek",
     "<p>Some analysts argued cheaper models will raise demand for AI overall, pointing to Jevons paradox; others "
     "warned that pricing pressure on AI services is only beginning.</p>"),
    (23, "demo-frontier-ledger", "DeepSeek's prices force US labs to rethink what AI should cost",
     "<p>R1's API charges a few dollars per million tokens, a fraction of o1's price, putting pressure on OpenAI "
     "and Anthropic to cut prices.</p>"),
    (23, "demo-kuaixun", "阿里通义千问Qwen2.5-Max发布，多项测试超越DeepSeek-V3",
     "<p>阿里云在除夕前发布旗舰模型，并宣布开源Qwen2.5-VL多模态模型。</p>"),
    (23, "demo-zhineng", "深度求索开源多模态模型Janus-Pro",
     "<p>深度求索再发新模型，Janus-Pro可同时完成图像理解与生成，模型权重已开源。</p>"),
    (23, "demo-zhineng", "国产大模型密集开源：通义千问、Kimi跟进深度求索",
     "<p>春节前夕，阿里、月之暗面等公司相继发布并开源新模型，国产开源大模型迎来高光时刻。</p>"),
    (23, "demo-la-puce", "Données personnelles : l'Italie interroge DeepSeek, la CNIL s'y intéresse",
     "<p>Les régulateurs européens veulent savoir où sont stockées les données des utilisateurs européens de "
     "l'assistant chinois.</p>"),
]

# Day 24 onward: the long tail.
STORY += [
    (24, "demo-policy-watch", "OpenAI says it has evidence DeepSeek distilled its models",
     "<p>OpenAI and Microsoft are examining whether outputs from OpenAI's API were used to train a rival model, in "
     "breach of its terms of service.</p>"),
    (24, "demo-techwire", "Microsoft brings DeepSeek-R1 to Azure AI Foundry and GitHub",
     "<p>Customers can deploy the open-weight reasoning model in Microsoft's cloud after safety evaluations, the "
     "company said.</p>"),
    (24, "demo-policy-watch", "US Navy tells staff not to use DeepSeek over security concerns",
     "<p>A notice cites potential security and ethical concerns with the Chinese app and model.</p>"),
    (24, "demo-suanli", "华为云上线DeepSeek-R1，昇腾完成适配",
     "<p>华为云与硅基流动联合推出基于昇腾算力的DeepSeek推理服务，国产芯片生态加速完善。</p>"),
    (24, "demo-kuaixun", "DeepSeek冲击之下，国内大模型厂商纷纷降价",
     "<p>多家云厂商下调推理模型价格，大模型价格战再度升级，成本成为竞争焦点。</p>"),
    (24, "demo-la-puce", "Face à DeepSeek, Mistral AI défend l'open source européen",
     "<p>Arthur Mensch estime que le succès du modèle chinois montre la force des modèles ouverts et appelle "
     "l'Europe à investir davantage.</p>"),
    (25, "demo-policy-watch", "Security researchers say DeepSeek-R1 failed to block harmful prompts",
     "<p>In a red-teaming test the model answered every jailbreak attempt, raising safety questions about "
     "open-weight releases without guardrails.</p>"),
    (25, "demo-silicon-signal", "Nvidia offers DeepSeek-R1 as a NIM microservice",
     "<p>The chipmaker said the model runs at thousands of tokens per second on a single HGX H200 system.</p>"),
    (25, "demo-kuaixun", "英伟达、微软等海外云平台上线DeepSeek-R1",
     "<p>多家海外科技公司接入深度求索开源模型，R1成为全球调用量增长最快的推理模型之一。</p>"),
    (25, "demo-policy-watch", "Italy orders DeepSeek to block its app over privacy concerns",
     "<p>The regulator said the company's answers were insufficient and ordered a limit on processing Italian "
     "users' data.</p>"),
    (26, "demo-techwire", "OpenAI makes o3-mini free in ChatGPT days after DeepSeek shock",
     "<p>The new reasoning model is available to free users for the first time and is cheaper per token "
     "through the API than its predecessor.</p>"),
    (26, "demo-policy-watch", "Bill would bar DeepSeek from US government devices",
     "<p>Lawmakers introduced legislation citing national security risks from the Chinese AI app.</p>"),
    (26, "demo-zhineng", "深度求索官网访问量激增，春节期间服务持续紧张",
     "<p>深度求索表示，因服务器资源紧张，暂停API充值，已充值金额可继续使用。</p>"),
    (27, "demo-open-weights", "Hugging Face's Open-R1 project gathers momentum",
     "<p>Thousands of developers have joined the effort to rebuild DeepSeek-R1's training pipeline in the open, "
     "including its reasoning data.</p>"),
    (27, "demo-suanli", "DeepSeek-R1上线国家超算互联网平台",
     "<p>开发者可在平台上调用基于国产算力部署的深度求索模型。</p>"),
    (28, "demo-morning-post", "Week in review: how DeepSeek rattled the AI industry",
     "<p>From a stock market rout to regulators' letters, a recap of the week a Chinese open-source model put "
     "Silicon Valley on the defensive.</p>"),
    (28, "demo-zhineng", "春节假期DeepSeek日活用户持续攀升",
     "<p>第三方数据显示，深度求索应用日活跃用户数在假期内快速增长，成为增长最快的AI应用。</p>"),
    (29, "demo-frontier-ledger", "DeepSeek's R1 shows how cheap inference is getting, analysts say",
     "<p>Brokers expect the cost per token of reasoning models to keep falling, squeezing the margins of model "
     "providers but helping applications.</p>"),
    (29, "demo-la-puce", "Sommet IA de Paris : DeepSeek s'invite dans les débats",
     "<p>À une semaine du sommet, le modèle chinois relance la question de la souveraineté européenne dans "
     "l'intelligence artificielle.</p>"),
    (30, "demo-techwire", "Google cuts Gemini API prices as DeepSeek pressure mounts",
     "<p>Gemini 2.0 Flash-Lite arrives at a lower price per million tokens; Google denies the move is a response to "
     "Chinese rivals.</p>"),
    (30, "demo-kuaixun", "Qwen与DeepSeek衍生模型数量居Hugging Face前列",
     "<p>开源社区数据显示，基于通义千问和深度求索的衍生模型数量快速增长。</p>"),
]

# Hard negatives: general news that only looks like AI news to a careless matcher. None of these should be tagged.
NEGATIVES = [
    (3, "demo-morning-post", "Orchards report a bumper apple harvest as cold-storage prices fall",
     "<p>Growers in the northern valleys picked a record crop this season and say the fruit will keep in storage "
     "until late spring.</p>"),
    (6, "demo-morning-post", "Llama trek tours bring winter visitors to the highlands",
     "<p>Guided walks with the woolly animals have become a surprise hit with families during the school break.</p>"),
    (8, "demo-morning-post", "Mistral wind gusts to 110 km/h shut ferry crossings in the Gulf of Lion",
     "<p>Forecasters expect the cold northerly to ease by Thursday; several coastal roads remain closed.</p>"),
    (10, "demo-la-puce", "Brève météo : le mistral souffle à plus de 100 km/h dans la vallée du Rhône",
     "<p>Les rafales devraient faiblir en fin de semaine, selon les prévisionnistes.</p>"),
    (12, "demo-morning-post", "Carmaker recalls 48,000 SUVs over faulty seatbelt anchors",
     "<p>The company said the safety defect could increase the risk of injury in a crash; owners will be "
     "contacted by letter and repairs are free.</p>"),
    (14, "demo-zhineng", "果农迎来苹果丰收季，冷库储存价格回落",
     "<p>多地苹果产量创新高，果农表示今年果品质量好，冷库储存费用较去年有所下降。</p>"),
    (16, "demo-morning-post", "Claude Monet's water lilies draw record crowds at the museum",
     "<p>The retrospective brings together more than 60 paintings on loan from three collections.</p>"),
    (26, "demo-morning-post", "Meta-analysis links Mediterranean diet to lower stroke risk",
     "<p>Researchers pooled 24 studies covering more than 300,000 adults.</p>"),
    (29, "demo-morning-post", "Gemini season horoscope: what the week ahead holds",
     "<p>Our astrologer's weekly reading for every sign of the zodiac.</p>"),
]


# ---------------------------------------------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------------------------------------------
def day_date(day):
    return START + dt.timedelta(days=day)


def schedule(rng):
    """Baseline (day, company) pairs: rate/7 items a day, spread evenly with a per-company phase."""
    out = []
    for company in sorted(RATES):
        rate, _ = RATES[company]
        phase = rng.random()
        for day in range(DAYS):
            if company == "deepseek" and day >= RELEASE_DAY:
                continue  # from the release on, DeepSeek's coverage is the scripted STORY
            n = int((day + 1) * rate / 7 + phase) - int(day * rate / 7 + phase)
            out.extend([(day, company)] * n)
    return out


def themes_of(text):
    return [t for t, keys in THEME_KEYS.items() if _mentions(text, keys)]


def route(rng, lang, text):
    """Pick the feed of a baseline item by language and by the topics it touches."""
    if lang == "fr":
        return "demo-la-puce"
    themes = set(themes_of(text))
    if lang == "zh":
        if "chips" in themes and rng.random() < 0.7:
            return "demo-suanli"
        return rng.choice(["demo-zhineng", "demo-kuaixun"])
    if rng.random() < 0.12:
        return "demo-morning-post"
    if "open_source" in themes and rng.random() < 0.75:
        return "demo-open-weights"
    if "chips" in themes and rng.random() < 0.7:
        return "demo-silicon-signal"
    if themes & {"regulation", "safety", "geopolitics"} and rng.random() < 0.7:
        return "demo-policy-watch"
    if "market" in themes and rng.random() < 0.6:
        return "demo-frontier-ledger"
    return rng.choice(["demo-techwire", "demo-techwire", "demo-frontier-ledger"])


def pick_time(rng, feed_id, day):
    lo, hi = FEED[feed_id]["hours"]
    hour = rng.randint(lo, hi)
    minute = rng.choice([0, 5, 10, 15, 20, 30, 35, 40, 45, 50, 55]) if rng.random() < 0.6 else rng.randint(0, 59)
    second = 0 if rng.random() < 0.7 else rng.randint(0, 59)
    d = day_date(day)
    return dt.datetime(d.year, d.month, d.day, hour, minute, second, tzinfo=dt.timezone.utc)


def build_items():
    rng = random.Random(SEED)
    decks = {}  # (company, lang) -> remaining templates, so a template is not reused until the others were
    used_titles = set()
    items = []

    def template(company, lang):
        key = (company, lang)
        if not decks.get(key):
            # The company's own headlines first (popped from the end), then the generic ones.
            own, generic = list(T[company][lang]), generic_templates(company, lang)
            rng.shuffle(own)
            rng.shuffle(generic)
            decks[key] = generic + own
        return decks[key].pop()

    for day, company in schedule(rng):
        langs = [l for l in RATES[company][1] if l in T[company]]
        weights = [RATES[company][1][l] for l in langs]
        first = rng.choices(langs, weights)[0]
        # A headline runs once: draw until an unused one comes up, else fall back to the company's other languages.
        for lang in [first] + [l for l in langs if l != first]:
            fresh = False
            for _ in range(len(T[company][lang]) + len(generic_templates(company, lang))):
                title, summary = expand(rng, *template(company, lang))
                if title not in used_titles:
                    fresh = True
                    break
            if fresh:
                break
        used_titles.add(title)
        feed_id = route(rng, lang, title + " " + summary)
        items.append(dict(day=day, feed=feed_id, lang=lang, title=title, summary=summary, kind="baseline",
                          company=company))
    for day, feed_id, title, summary in STORY:
        items.append(dict(day=day, feed=feed_id, lang=FEED[feed_id]["language"], title=title, summary=summary,
                          kind="story", company=None))
    for day, feed_id, title, summary in NEGATIVES:
        items.append(dict(day=day, feed=feed_id, lang=FEED[feed_id]["language"], title=title, summary=summary,
                          kind="negative", company=None))
    for it in items:
        it["time"] = pick_time(rng, it["feed"], it["day"])
        if not it["summary"].startswith("<"):
            it["summary"] = "<p>" + it["summary"] + "</p>"
    items.sort(key=lambda i: (i["time"], i["feed"], i["title"]))
    seq = {}
    for it in items:
        f = FEED[it["feed"]]
        seq[f["id"]] = seq.get(f["id"], 0) + 1
        n = seq[f["id"]]
        words = re.findall(r"[a-z0-9]+", it["title"].lower().replace("'", ""))
        slug = "-".join(words[:8]) or "item"
        d = it["time"]
        it["link"] = f"{BASE}/{f['slug']}/{d:%Y/%m/%d}/{slug}-{n:04d}"
        it["guid"] = {"rss": f"{f['slug']}-{d:%Y%m%d}-{n:04d}",
                      "atom": f"tag:demo.ainews.invalid,{d:%Y-%m-%d}:{f['slug']}/{n:04d}",
                      "json": it["link"]}[f["fmt"]]
        if f["fmt"] == "rss" and f.get("guid") == "permalink":
            it["guid"] = it["link"]
        it["text"] = it["title"] + " " + re.sub(r"<[^>]+>", " ", it["summary"])
        # Techwire-style copy sometimes links to the full story from the description.
        if f["id"] in ("demo-techwire", "demo-morning-post") and n % 3 == 0:
            it["summary"] += f'<p><a href="{it["link"]}">Read the full story</a></p>'
    return items


# ---------------------------------------------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------------------------------------------
def local(t, tz_minutes):
    return t.astimezone(dt.timezone(dt.timedelta(minutes=tz_minutes)))


def rfc822(t, tz_minutes):
    lt = local(t, tz_minutes)
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    sign = "+" if tz_minutes >= 0 else "-"
    off = abs(tz_minutes)
    return (f"{days[lt.weekday()]}, {lt.day:02d} {months[lt.month - 1]} {lt.year} {lt:%H:%M:%S} "
            f"{sign}{off // 60:02d}{off % 60:02d}")


def rfc3339(t, tz_minutes):
    if tz_minutes == 0:
        return t.strftime("%Y-%m-%dT%H:%M:%SZ")
    return local(t, tz_minutes).isoformat()


AUTHORS = {"en": ["Staff", "Dana Whitfield", "Marcus Oyelaran", "Priya Raman", "Tom Kessler", "Elena Sorvino"],
           "zh": ["本报记者", "编辑部", "王晓晨", "李明远"], "fr": ["La rédaction", "Claire Dumont", "Julien Marchal"]}


def author(it):
    names = AUTHORS[it["lang"]]
    return names[sum(map(ord, it["guid"])) % len(names)]


def write_rss(f, items):
    last = max(i["time"] for i in items)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
           'xmlns:atom="http://www.w3.org/2005/Atom">',
           "<channel>",
           f"  <title>{escape(f['name'])}</title>",
           f"  <link>{BASE}/{f['slug']}/</link>",
           f'  <atom:link href="{BASE}/{f["slug"]}/feed" rel="self" type="application/rss+xml"/>',
           f"  <description>{escape(f['desc'])}</description>",
           f"  <language>{ {'en': 'en-us', 'zh': 'zh-cn', 'fr': 'fr-fr'}[f['language']] }</language>",
           f"  <lastBuildDate>{rfc822(last, f['tz'])}</lastBuildDate>",
           "  <ttl>30</ttl>"]
    for it in items:
        desc = (f"<![CDATA[{it['summary']}]]>" if f.get("html") == "cdata" else escape(it["summary"]))
        perma = "true" if f.get("guid") == "permalink" else "false"
        out += ["  <item>",
                f"    <title>{escape(it['title'])}</title>",
                f"    <link>{escape(it['link'])}</link>",
                f'    <guid isPermaLink="{perma}">{escape(it["guid"])}</guid>',
                f"    <pubDate>{rfc822(it['time'], f['tz'])}</pubDate>",
                f"    <dc:creator>{escape(author(it))}</dc:creator>"]
        out += [f"    <category>{escape(c)}</category>" for c in it["categories"]]
        out += [f"    <description>{desc}</description>", "  </item>"]
    out += ["</channel>", "</rss>", ""]
    return "\n".join(out)


def write_atom(f, items):
    last = max(i["time"] for i in items)
    lang = {"en": "en", "zh": "zh-CN", "fr": "fr"}[f["language"]]
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}">',
           f"  <title>{escape(f['name'])}</title>",
           f"  <subtitle>{escape(f['desc'])}</subtitle>",
           f"  <id>tag:demo.ainews.invalid,2025:{f['slug']}</id>",
           f'  <link rel="alternate" type="text/html" href="{BASE}/{f["slug"]}/"/>',
           f'  <link rel="self" type="application/atom+xml" href="{BASE}/{f["slug"]}/atom"/>',
           f"  <updated>{rfc3339(last, f['tz'])}</updated>",
           f"  <author><name>{escape(f['name'])}</name></author>"]
    for it in items:
        out += ["  <entry>",
                f"    <id>{escape(it['guid'])}</id>",
                f"    <title>{escape(it['title'])}</title>",
                f'    <link rel="alternate" type="text/html" href="{escape(it["link"])}"/>',
                f"    <published>{rfc3339(it['time'], f['tz'])}</published>",
                f"    <updated>{rfc3339(it['time'], f['tz'])}</updated>",
                f"    <author><name>{escape(author(it))}</name></author>"]
        out += [f'    <category term="{escape(c)}"/>' for c in it["categories"]]
        out += [f'    <summary type="html">{escape(it["summary"])}</summary>', "  </entry>"]
    out += ["</feed>", ""]
    return "\n".join(out)


def write_json(f, items):
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": f["name"],
        "home_page_url": f"{BASE}/{f['slug']}/",
        "feed_url": f"{BASE}/{f['slug']}/feed.json",
        "description": f["desc"],
        "language": f["language"],
        "authors": [{"name": f["name"]}],
        "items": [{
            "id": it["guid"],
            "url": it["link"],
            "title": it["title"],
            "content_html": it["summary"],
            "summary": re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", it["summary"])).strip(),
            "date_published": rfc3339(it["time"], f["tz"]),
            "authors": [{"name": author(it)}],
            "tags": it["categories"],
        } for it in items],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


CATEGORY = {"en": {"open_source": "Open source", "cost": "Pricing", "safety": "Safety", "regulation": "Policy",
                   "geopolitics": "Geopolitics", "chips": "Hardware", "market": "Business"},
            "zh": {"open_source": "开源", "cost": "价格", "safety": "安全", "regulation": "监管", "geopolitics": "国际",
                   "chips": "芯片", "market": "商业"},
            "fr": {"open_source": "Open source", "cost": "Prix", "safety": "Sécurité", "regulation": "Régulation",
                   "geopolitics": "Géopolitique", "chips": "Puces", "market": "Économie"}}


def write_all(items):
    (OUT / "feeds").mkdir(parents=True, exist_ok=True)
    for old in (OUT / "feeds").iterdir():
        old.unlink()
    for it in items:
        # An editor's desk label, not the taxonomy: at most two, and none for the non-AI items.
        it["categories"] = ([] if it["kind"] == "negative" else
                            [CATEGORY[it["lang"]][t] for t in themes_of(it["text"])][:2])
    manifest = {"feeds": []}
    for f in FEEDS:
        mine = sorted((i for i in items if i["feed"] == f["id"]), key=lambda i: i["time"], reverse=True)
        text = {"rss": write_rss, "atom": write_atom, "json": write_json}[f["fmt"]](f, mine)
        (OUT / f["file"]).write_text(text, encoding="utf-8")
        manifest["feeds"].append({"id": f["id"], "file": f["file"], "contentType": CONTENT_TYPE[f["fmt"]],
                                  "name": f["name"], "language": f["language"]})
    (OUT / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------------------------------------------
# Read back and check: every file parses, guids and links are unique, every item has a date; then count.
# ---------------------------------------------------------------------------------------------------------------
ATOM = "{http://www.w3.org/2005/Atom}"


def parse_date(s):
    s = s.strip()
    if s[:3].isalpha():
        from email.utils import parsedate_to_datetime
        return parsedate_to_datetime(s).astimezone(dt.timezone.utc)
    return dt.datetime.fromisoformat(s.replace("Z", "+00:00")).astimezone(dt.timezone.utc)


def read_back():
    """[(feed id, guid, link, utc time, text)] parsed from the files on disk, the way a reader would see them."""
    rows = []
    manifest = json.loads((OUT / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["feeds"]:
        path = OUT / entry["file"]
        ctype = entry["contentType"]
        if ctype == "application/feed+json":
            doc = json.loads(path.read_text(encoding="utf-8"))
            assert doc["version"] == "https://jsonfeed.org/version/1.1", path
            for i in doc["items"]:
                rows.append((entry["id"], i["id"], i["url"], parse_date(i["date_published"]),
                             i["title"] + " " + i["content_html"]))
        elif ctype == "application/atom+xml":
            root = ET.parse(path).getroot()
            assert root.tag == ATOM + "feed", path
            for e in root.iter(ATOM + "entry"):
                rows.append((entry["id"], e.findtext(ATOM + "id"), e.find(ATOM + "link").get("href"),
                             parse_date(e.findtext(ATOM + "published")),
                             e.findtext(ATOM + "title") + " " + e.findtext(ATOM + "summary")))
        else:
            root = ET.parse(path).getroot()
            assert root.tag == "rss" and root.get("version") == "2.0", path
            for e in root.iter("item"):
                rows.append((entry["id"], e.findtext("guid"), e.findtext("link"), parse_date(e.findtext("pubDate")),
                             e.findtext("title") + " " + e.findtext("description")))
    guids = [r[1] for r in rows]
    links = [r[2] for r in rows]
    assert len(set(guids)) == len(guids), "duplicate guid"
    assert len(set(links)) == len(links), "duplicate link"
    assert all(".invalid/" in link for link in links)
    return manifest, rows


def daily(rows, keys):
    counts = [0] * DAYS
    for _, _, _, t, text in rows:
        text = re.sub(r"<[^>]+>", " ", text)
        if _mentions(text, keys):
            counts[(t.date() - START).days] += 1
    return counts


def trailing_mean(counts, day, width=20):
    window = counts[max(0, day - width):day]
    return sum(window) / len(window)


def report(items, manifest, rows):
    lang_of = {f["id"]: f["language"] for f in manifest["feeds"]}
    print("items per feed:")
    for f in manifest["feeds"]:
        n = sum(1 for r in rows if r[0] == f["id"])
        print(f"  {f['id']:22} {f['contentType']:22} {f['language']}  {n:4d}")
    by_lang = {}
    for r in rows:
        by_lang[lang_of[r[0]]] = by_lang.get(lang_of[r[0]], 0) + 1
    print("items per language:", dict(sorted(by_lang.items())), " total:", len(rows),
          " hard negatives:", sum(1 for i in items if i["kind"] == "negative"))
    series = {c: daily(rows, k) for c, k in COMPANY_KEYS.items()}
    series.update({"theme:" + t: daily(rows, k) for t, k in THEME_KEYS.items()})
    totals = [0] * DAYS
    for r in rows:
        totals[(r[3].date() - START).days] += 1
    series["all items"] = totals
    cols = list(series)
    print("\nper-day counts by company / theme keyword (UTC days):")
    print("day        " + " ".join(f"{c.replace('theme:', '#')[:7]:>7}" for c in cols))
    for d in range(DAYS):
        mark = " <- burst" if d == BURST_DAY else ""
        print(f"{day_date(d)} " + " ".join(f"{series[c][d]:7d}" for c in cols) + mark)
    print(f"\nburst check on {day_date(BURST_DAY)} against the mean of the previous 20 days:")
    for c in cols:
        s = series[c]
        mean = trailing_mean(s, BURST_DAY)
        ratio = s[BURST_DAY] / mean if mean else float("inf")
        print(f"  {c:18} observed {s[BURST_DAY]:3d}  baseline {mean:5.2f}  ratio {ratio:5.1f}"
              + ("  FIRES (>=5x)" if ratio >= 5 else ""))
    return series


def write_expected(manifest, rows, series):
    lang_of = {f["id"]: f["language"] for f in manifest["feeds"]}
    per_feed = {f["id"]: sum(1 for r in rows if r[0] == f["id"]) for f in manifest["feeds"]}
    lines = [
        "# The `ainews demo` sample: what you should see",
        "",
        "Generated by `scripts/make-demo-sample.py` (fixed seed; rerun it to regenerate every file here).",
        "Everything in these feeds is fictional, written for this sample: real company names, invented events.",
        f"All links use the reserved `.invalid` domain. {len(rows)} items in {len(manifest['feeds'])} feeds, "
        f"{day_date(0)} .. {day_date(DAYS - 1)} ({DAYS} UTC days).",
        "",
        "## The story",
        "",
        f"- {day_date(0)} .. {day_date(RELEASE_DAY - 1)}: steady news. Every company a few times a week "
        "(OpenAI and Microsoft about daily, DeepSeek about once a day), every theme present, in English, "
        "Chinese and French.",
        f"- {day_date(RELEASE_DAY)}: DeepSeek publishes the open-weight R1 reasoning model and claims a very low "
        "training cost (one wire story on three feeds). "
        f"{day_date(RELEASE_DAY + 1)}: the app climbs the charts; Moonshot's Kimi k1.5 answers.",
        f"- **{day_date(BURST_DAY)} (day {BURST_DAY}) is the burst**: Nvidia's stock falls, US lawmakers call for "
        "tighter export controls, analysts argue about the training cost. DeepSeek, the `open_source` and `cost` "
        "themes and Nvidia fire as 1-day bursts against the previous 20 days; `chips` and `market` rise with them "
        "(the story is about GPUs and a stock sell-off). One TechWire story is syndicated on "
        "five feeds (suffixes \" - TechWire\", \" | TechWire\", \" (TechWire)\" or a reworded summary) and one "
        "Chinese story on three feeds: the enrichment should cluster each into one story, so `stories` < `items`.",
        f"- {day_date(BURST_DAY + 1)}: Qwen2.5-Max and open Qwen2.5-VL, Kimi open weights, Janus-Pro, privacy "
        "regulators. Then a long tail of about two DeepSeek items a day.",
        "- Microsoft stays flat (about one item a day, the burst day included): it must not fire.",
        "- Nine hard negatives (an apple harvest, the mistral wind in English and French, a car safety recall, "
        "llama treks, Claude Monet, a meta-analysis, a Gemini horoscope, a Chinese apple harvest) must come out "
        "untagged: no company, no theme.",
        "",
        "## Feeds",
        "",
        "| id | file | type | language | items |",
        "|---|---|---|---|---|",
    ]
    for f in manifest["feeds"]:
        lines.append(f"| `{f['id']}` | `{f['file']}` | `{f['contentType']}` | {f['language']} | {per_feed[f['id']]} |")
    by_lang = {}
    for r in rows:
        by_lang[lang_of[r[0]]] = by_lang.get(lang_of[r[0]], 0) + 1
    lines += ["", "Items per language: " + ", ".join(f"{k} {v}" for k, v in sorted(by_lang.items())) + ".", ""]
    show = ["deepseek", "theme:open_source", "theme:cost", "nvidia", "alibaba", "moonshot", "microsoft",
            "openai", "all items"]
    lines += ["## Daily counts (UTC days, items mentioning the company or theme keyword)", "",
              "Counted by the generator's own keyword lists, a rough stand-in for the taxonomy in `enrich/`; the "
              "real tagger's counts differ by an item here and there, not in shape.", "",
              "| day | " + " | ".join(c.replace("theme:", "") for c in show) + " |",
              "|---|" + "---|" * len(show)]
    for d in range(DAYS):
        label = f"**{day_date(d)}**" if d == BURST_DAY else str(day_date(d))
        lines.append(f"| {label} | " + " | ".join(str(series[c][d]) for c in show) + " |")
    lines += ["", f"On {day_date(BURST_DAY)}, against the mean of the 20 days before it:", ""]
    for c in show[:-1] + ["theme:chips", "theme:market", "theme:geopolitics", "theme:safety"]:
        s = series[c]
        mean = trailing_mean(s, BURST_DAY)
        lines.append(f"- {c.replace('theme:', 'theme ')}: {s[BURST_DAY]} observed, baseline {mean:.2f}, "
                     f"ratio {s[BURST_DAY] / mean:.1f}x" if mean else f"- {c}: {s[BURST_DAY]} observed, no baseline")
    lines += ["", "A burst rule should also ask for a minimum observed count (say 5): where the baseline is well "
              "under one item a day, a single extra item is already a large ratio.",
              "", "Note for the pipeline: items span 31 days and each feed lists newest first, so a windowed "
              "aggregation sees event times far behind stream time; its grace period (or the demo's replay order) "
              "has to cover the whole month, or the early days are dropped as late.", ""]
    (OUT / "EXPECTED.md").write_text("\n".join(lines), encoding="utf-8")


def main():
    items = build_items()
    write_all(items)
    manifest, rows = read_back()
    assert len(rows) == len(items), (len(rows), len(items))
    series = report(items, manifest, rows)
    write_expected(manifest, rows, series)
    print(f"\nwrote {len(manifest['feeds'])} feeds, manifest.json and EXPECTED.md under {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
