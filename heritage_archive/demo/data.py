"""The sample records, as plain data.

Everything here is invented for demonstration: names, notice numbers,
addresses and telephone numbers are plausible but not real, and every
record says so (summaries start with SAMPLE_MARK, titles of files carry
SAMPLE_TITLE_PREFIX). Records are looked up by title or key, so edit a
title here and the next run creates a new record beside the old one.
"""

SAMPLE_MARK = "【示例】"
SAMPLE_TITLE_PREFIX = "示例·"

# (name, Region.Kind value)
REGIONS = [
    ("银河南路街道", "street"),
    ("永华道街道", "street"),
    ("光明西道街道", "street"),
    ("南苑街道", "street"),
    ("北史家务镇", "township"),
    ("仇庄镇", "township"),
    ("落垡镇", "township"),
    ("码头镇", "township"),
    ("葛渔城镇", "township"),
    ("东沽港镇", "township"),
    ("杨税务乡", "township"),
    ("调河头乡", "township"),
]

# Listing batches by (level, year): (批次, 文号). Invented but shaped like
# the real notices: district 安政, city 廊政, province 冀政, State Council 国发.
LISTING_BATCHES = {
    ("county", 2009): ("第一批", "安政〔2009〕12号"),
    ("county", 2011): ("第二批", "安政〔2011〕35号"),
    ("county", 2014): ("第三批", "安政〔2014〕21号"),
    ("county", 2018): ("第四批", "安政〔2018〕9号"),
    ("county", 2022): ("第五批", "安政〔2022〕16号"),
    ("municipal", 2011): ("第三批", "廊政〔2011〕48号"),
    ("municipal", 2013): ("第四批", "廊政〔2013〕62号"),
    ("municipal", 2016): ("第五批", "廊政〔2016〕17号"),
    ("municipal", 2020): ("第六批", "廊政〔2020〕29号"),
    ("provincial", 2013): ("第四批", "冀政〔2013〕53号"),
    ("provincial", 2017): ("第五批", "冀政字〔2017〕21号"),
    ("provincial", 2022): ("第六批", "冀政字〔2022〕33号"),
    ("national", 2014): ("第四批", "国发〔2014〕59号"),
    ("national", 2021): ("第五批", "国发〔2021〕8号"),
    ("unesco", 2009): ("", "人类非物质文化遗产代表作名录"),
    ("unesco", 2016): ("", "人类非物质文化遗产代表作名录"),
}

# Offsets giving each level its own project number for the same item,
# e.g. 区级 Ⅴ-3, 市级 Ⅴ-23, 省级 Ⅴ-53, 国家级 Ⅴ-103.
PROJECT_NUMBER_OFFSETS = {"county": 0, "municipal": 20, "provincial": 50, "national": 100}

EXTENSION = "扩展"

# Heritage items. ``ladder``: (level, year) or (level, year, EXTENSION);
# ``related``: titles of items listed earlier in this list (the relation is
# symmetrical); ``images``: gallery captions; ``audio``: a short recording.
HERITAGE_ITEMS = [
    # Ⅰ 民间文学
    {
        "title": "永定河传说",
        "category": "folk-literature",
        "region": "葛渔城镇",
        "unit": "安次区文化馆",
        "ladder": [("county", 2009), ("municipal", 2011)],
        "summary": "流传于永定河两岸村落的治水、摆渡与河神故事群，讲述人多为沿河老船工后代。",
        "body": [
            "故事以永定河的改道与治理为线索，既有龙王借水、石人镇河等神异情节，"
            "也有船工斗洪、乡绅修堤的人物故事。",
            "2008年起，区文化馆组织普查，采录讲述人二十余位，整理故事文本一百余则。",
        ],
        "tags": ["民间故事", "永定河", "口述"],
        "images": ["河堤旁的讲述现场", "故事手抄本"],
        "audio": True,
    },
    {
        "title": "安次歇后语",
        "category": "folk-literature",
        "region": "仇庄镇",
        "unit": "仇庄镇综合文化站",
        "ladder": [("county", 2014)],
        "summary": "以本地方言、农事和集市生活为题材的歇后语，生动诙谐，至今仍在乡间日常使用。",
        "body": ["采录整理的歇后语涉及农具、节令、饮食和人情往来，是研究本地方言的鲜活材料。"],
        "tags": ["方言", "口头文学"],
        "images": [],
    },
    {
        "title": "东沽港渔家谣",
        "category": "folk-literature",
        "region": "东沽港镇",
        "unit": "东沽港镇综合文化站",
        "ladder": [("county", 2009), ("municipal", 2013), ("provincial", 2017)],
        "summary": "渔民在撒网、收网、晒网时吟唱的歌谣，句式短促，节奏与劳动动作相合。",
        "body": [
            "渔家谣多为四句或六句一段，以号子领唱、众人应和，内容涉及天气、鱼汛和家中牵挂。",
            "近年当地小学把渔家谣编入乡土课程，每年秋季举办渔家谣展演。",
        ],
        "tags": ["歌谣", "渔业", "劳动号子"],
        "images": ["晒网时的对唱"],
        "audio": True,
        "related": ["永定河传说"],
    },
    # Ⅱ 传统音乐
    {
        "title": "安次吹歌",
        "category": "traditional-music",
        "region": "北史家务镇",
        "unit": "北史家务镇吹歌会",
        "ladder": [
            ("county", 2009),
            ("municipal", 2011),
            ("provincial", 2013),
            ("national", 2014, EXTENSION),
        ],
        "summary": "以唢呐、笙、管为主奏，配以锣鼓的民间吹打乐，常见于节庆、花会和婚丧礼俗。",
        "body": [
            "吹歌班社以家族传承为主，保留曲牌六十余首，代表曲目有《大起板》《小开门》《柳青娘》等。",
            "演奏讲究“吹中有唱”，唢呐模仿人声拖腔，乡间称之为“咔戏”。",
        ],
        "tags": ["唢呐", "吹打乐", "花会"],
        "images": ["吹歌班合奏", "老唢呐与曲谱", "庙会上的吹歌"],
        "audio": True,
    },
    {
        "title": "码头镇笙管乐",
        "category": "traditional-music",
        "region": "码头镇",
        "unit": "码头镇音乐会",
        "ladder": [("county", 2009), ("municipal", 2011), ("provincial", 2017)],
        "summary": "以笙、管、笛、云锣合奏的古乐，保存工尺谱抄本数册，曲风庄重舒缓。",
        "body": ["音乐会成员农闲时集中排练，正月十五和农历四月庙会期间公开演奏。"],
        "tags": ["笙管乐", "工尺谱"],
        "images": ["工尺谱抄本"],
        "audio": True,
        "related": ["安次吹歌"],
    },
    {
        "title": "杨税务锣鼓",
        "category": "traditional-music",
        "region": "杨税务乡",
        "unit": "杨税务乡综合文化站",
        "ladder": [("county", 2011), ("municipal", 2016)],
        "summary": "以大鼓、大钹、铙为主的锣鼓乐，鼓点多变，气势雄浑，常为花会开场。",
        "body": ["锣鼓谱以口诀传授，现存套路十二套，最长的《十番》可连续击打二十分钟。"],
        "tags": ["锣鼓", "花会"],
        "images": [],
    },
    # Ⅲ 传统舞蹈
    {
        "title": "安次高跷",
        "category": "traditional-dance",
        "region": "北史家务镇",
        "unit": "北史家务镇高跷会",
        "ladder": [("county", 2009), ("municipal", 2011), ("provincial", 2013)],
        "summary": "演员踩一米多高的木跷，扮演戏曲和传说人物，边走边舞，兼有翻跌绝技。",
        "body": [
            "高跷会以“文跷”“武跷”两路表演，武跷有劈叉、跳桌、叠罗汉等高难动作。",
            "每年元宵节高跷会踩街，是当地最热闹的节俗活动之一。",
        ],
        "tags": ["高跷", "花会", "元宵"],
        "images": ["元宵踩街", "武跷叠罗汉"],
        "related": ["安次吹歌"],
    },
    {
        "title": "落垡地秧歌",
        "category": "traditional-dance",
        "region": "落垡镇",
        "unit": "落垡镇综合文化站",
        "ladder": [("county", 2009), ("municipal", 2013)],
        "summary": "不踩跷的平地秧歌，角色以傻柱子、老坐子为代表，动作诙谐，扭、逗、唱相结合。",
        "body": ["秧歌队由三十余人组成，伴奏以锣鼓为主，近年吸收了大量中青年队员。"],
        "tags": ["秧歌", "广场舞蹈"],
        "images": ["秧歌队表演"],
    },
    {
        "title": "调河头竹马",
        "category": "traditional-dance",
        "region": "调河头乡",
        "unit": "调河头乡综合文化站",
        "ladder": [("county", 2018)],
        "summary": "演员腰系竹扎纸糊的马形道具，模拟骑马奔驰、过河、跌马等情景的舞蹈。",
        "body": ["竹马道具由艺人自行扎制，马头彩绘，表演时配以唢呐曲牌《跑马调》。"],
        "tags": ["竹马", "道具舞"],
        "images": [],
    },
    {
        "title": "南苑狮子舞",
        "category": "traditional-dance",
        "region": "南苑街道",
        "unit": "南苑街道文化站",
        "ladder": [("county", 2011), ("municipal", 2016)],
        "summary": "北派狮舞，讲究形神兼备，有滚绣球、上高台、踩梅花桩等套路。",
        "body": ["狮子舞队由社区青年组成，每年春节进社区、进校园演出二十余场。"],
        "tags": ["狮舞", "春节"],
        "images": ["梅花桩上的狮子"],
    },
    # Ⅳ 传统戏剧
    {
        "title": "安次京剧票房",
        "category": "traditional-drama",
        "region": "银河南路街道",
        "unit": "安次区文化馆",
        "ladder": [("county", 2011), ("municipal", 2016)],
        "summary": "民间京剧爱好者自发组织的票房活动，兼及培养少年学员。",
        "body": [
            "票房每周活动两次，能演出《空城计》《锁麟囊》等整出剧目。",
            "自2012年起，票房与文化馆合办少儿京剧训练班，已有两百余名学员接受唱念做打的启蒙训练。",
        ],
        "tags": ["京剧", "票友", "少儿京剧"],
        "images": ["少儿京剧训练班汇报演出", "票房排练"],
        "audio": True,
    },
    {
        "title": "仇庄河北梆子",
        "category": "traditional-drama",
        "region": "仇庄镇",
        "unit": "仇庄镇梆子剧团",
        "ladder": [("county", 2009)],
        "summary": "村级业余梆子剧团传承的河北梆子，唱腔高亢激越，保留多出传统折子戏。",
        "body": ["剧团成立于上世纪五十年代，现存手抄剧本四十余册。"],
        "tags": ["河北梆子", "戏曲"],
        "images": [],
        "related": ["安次京剧票房"],
    },
    {
        "title": "码头皮影戏",
        "category": "traditional-drama",
        "region": "码头镇",
        "unit": "码头镇皮影剧社",
        "ladder": [("county", 2009), ("municipal", 2011), ("provincial", 2017)],
        "summary": "以驴皮雕刻影人、灯光投影表演的戏曲形式，唱腔属冀东皮影一路。",
        "body": [
            "剧社现存清末至民国影人四百余件，影卷三十余部。",
            "艺人一人可操纵三至五个影人，唱、念、操作同时进行。",
        ],
        "tags": ["皮影", "雕刻", "戏曲"],
        "images": ["影人与亮子", "雕刻中的影人"],
        "related": ["仇庄河北梆子"],
    },
    # Ⅴ 曲艺
    {
        "title": "安次快板",
        "category": "quyi",
        "region": "光明西道街道",
        "unit": "安次区曲艺家协会",
        "ladder": [("county", 2009), ("municipal", 2013)],
        "summary": "以竹板击节、合辙押韵说唱的曲艺形式，题材贴近时事与百姓生活，节奏明快。",
        "body": [
            "安次快板讲究“板稳、嘴快、字清”，有单口、对口和群口多种形式。",
            "艺人常根据新人新事即兴编词，在集市、田间和社区广场演出。",
        ],
        "tags": ["快板", "说唱", "曲艺"],
        "images": ["社区广场快板演出", "竹板与节子"],
        "audio": True,
    },
    {
        "title": "安次西河大鼓",
        "category": "quyi",
        "region": "永华道街道",
        "unit": "安次区曲艺家协会",
        "ladder": [("county", 2009), ("municipal", 2011), ("provincial", 2022, EXTENSION)],
        "summary": "演员左手持铁板、右手击鼓，三弦伴奏的说唱艺术，长于演唱长篇书目。",
        "body": ["代表书目有《杨家将》《呼家将》等，近年新编了反映乡村变化的短段。"],
        "tags": ["大鼓", "说唱"],
        "images": ["书场演出"],
        "audio": True,
        "related": ["安次快板"],
    },
    {
        "title": "京东大鼓（安次）",
        "category": "quyi",
        "region": "杨税务乡",
        "unit": "杨税务乡综合文化站",
        "ladder": [("county", 2014)],
        "summary": "曲调朴实流畅、近于口语的鼓曲，多唱短段，适合节庆和集市演出。",
        "body": ["现有艺人五位，常年在乡村书场和养老院义务演出。"],
        "tags": ["大鼓", "曲艺"],
        "images": [],
        "related": ["安次西河大鼓"],
    },
    # Ⅵ 传统体育、游艺与杂技
    {
        "title": "安次戳脚",
        "category": "sports-games-acrobatics",
        "region": "仇庄镇",
        "unit": "仇庄镇武术协会",
        "ladder": [("county", 2009), ("municipal", 2011), ("provincial", 2013, EXTENSION)],
        "summary": "以腿法见长的传统武术，讲究“手是两扇门，全凭脚打人”，套路刚猛。",
        "body": ["拳社保存拳谱抄本两册，现有套路九套，每年举办交流比赛。"],
        "tags": ["武术", "戳脚"],
        "images": ["拳社晨练"],
    },
    {
        "title": "八卦掌（落垡）",
        "category": "sports-games-acrobatics",
        "region": "落垡镇",
        "unit": "落垡镇武术协会",
        "ladder": [("county", 2011), ("municipal", 2016)],
        "summary": "以走转为基本运动形式的内家拳，身法灵活，步法多变。",
        "body": ["当地八卦掌传习已有四代，练习者以中老年为主，近年走进中小学课堂。"],
        "tags": ["武术", "八卦掌"],
        "images": [],
        "related": ["安次戳脚"],
    },
    {
        "title": "抖空竹",
        "category": "sports-games-acrobatics",
        "region": "永华道街道",
        "unit": "永华道街道文化站",
        "ladder": [("county", 2018)],
        "summary": "以绳抖动空竹使其旋转发声的游艺，花样有“金鸡上架”“满天飞”等。",
        "body": ["社区空竹队有队员四十余人，自制空竹的手艺也一并传承。"],
        "tags": ["空竹", "游艺"],
        "images": ["公园里的空竹队"],
    },
    # Ⅶ 传统美术
    {
        "title": "安次剪纸",
        "category": "traditional-art",
        "region": "葛渔城镇",
        "unit": "安次区文化馆",
        "ladder": [
            ("county", 2009),
            ("municipal", 2011),
            ("provincial", 2013),
            ("national", 2014, EXTENSION),
            ("unesco", 2009),
        ],
        "summary": "以红纸剪刻窗花、喜花、礼花的民间美术，构图饱满，线条细密，多用阴阳刻结合。",
        "body": [
            "剪纸题材有花鸟、戏曲人物、农家生活，逢年过节贴窗花、挂门笺。",
            "作为“中国剪纸”的组成部分，本项目的名录沿革展示了一个项目从区级到世界级的完整阶梯（示例）。",
        ],
        "tags": ["剪纸", "窗花", "民间美术"],
        "images": ["窗花作品", "剪纸课堂", "门笺"],
    },
    {
        "title": "安次面塑",
        "category": "traditional-art",
        "region": "南苑街道",
        "unit": "南苑街道文化站",
        "ladder": [("county", 2011), ("municipal", 2013)],
        "summary": "以染色糯米面捏塑人物、花鸟和吉祥物的民间手艺，形象小巧传神。",
        "body": ["面塑艺人常在庙会现场捏制，也为婚礼、寿辰定制“花馍”和面人。"],
        "tags": ["面塑", "面人", "庙会"],
        "images": ["面塑戏曲人物", "庙会上的面人摊"],
        "related": ["安次剪纸"],
    },
    {
        "title": "安次风筝",
        "category": "traditional-art",
        "region": "光明西道街道",
        "unit": "安次区风筝协会",
        "ladder": [("county", 2009), ("municipal", 2013), ("provincial", 2017)],
        "summary": "以竹为骨、绢纸为面的彩绘风筝，有硬翅、软翅、串式等样式，兼具扎、糊、绘、放四艺。",
        "body": [
            "代表作品有百米龙头蜈蚣、沙燕和立体宫灯风筝。",
            "每年清明前后在永定河滩举办风筝放飞会。",
        ],
        "tags": ["风筝", "彩绘", "清明"],
        "images": ["河滩放飞", "沙燕风筝彩绘"],
        "related": ["安次剪纸"],
    },
    {
        "title": "葫芦烙画",
        "category": "traditional-art",
        "region": "调河头乡",
        "unit": "调河头乡综合文化站",
        "ladder": [("county", 2022)],
        "summary": "以烧热的烙笔在葫芦表面烫出山水、人物与花鸟，色泽自然，层次分明。",
        "body": ["艺人自种葫芦、自制烙笔，作品多作为节庆礼品。"],
        "tags": ["烙画", "葫芦"],
        "images": ["烙画葫芦"],
    },
    # Ⅷ 传统技艺
    {
        "title": "安次柳编",
        "category": "traditional-craftsmanship",
        "region": "东沽港镇",
        "unit": "东沽港镇柳编合作社",
        "ladder": [("county", 2009), ("municipal", 2011)],
        "summary": "以永定河滩的杞柳为原料编制筐、篮、簸箕等器物的手工技艺。",
        "body": [
            "工序包括选条、浸泡、去皮、晾晒、编织、收口，一件大筐需两天完成。",
            "合作社将传统器型与现代家居用品结合，带动周边村民增收。",
        ],
        "tags": ["柳编", "手工艺"],
        "images": ["编织中的柳筐", "柳编成品"],
    },
    {
        "title": "东沽港传统酿醋技艺",
        "category": "traditional-craftsmanship",
        "region": "东沽港镇",
        "unit": "东沽港镇某老醋坊（示例）",
        "ladder": [("county", 2011), ("municipal", 2016)],
        "summary": "以高粱、麸皮为原料，经固态发酵、日晒夜露陈酿而成的老醋酿造技艺。",
        "body": ["从投料到出醋需一年以上，醋坊保留着老式陶缸和木质醋槽。"],
        "tags": ["酿造", "饮食"],
        "images": ["晾晒中的醋缸"],
        "related": ["安次柳编"],
    },
    {
        "title": "落垡豆腐丝制作技艺",
        "category": "traditional-craftsmanship",
        "region": "落垡镇",
        "unit": "落垡镇综合文化站",
        "ladder": [("county", 2014)],
        "summary": "以石磨磨浆、卤水点制、手工切丝的豆制品技艺，成品细韧，是本地名吃。",
        "body": ["豆腐丝凉拌、热炒皆宜，每逢年节订购者众。"],
        "tags": ["饮食", "豆制品"],
        "images": [],
    },
    # Ⅸ 传统医药
    {
        "title": "中医正骨（安次李氏）",
        "category": "traditional-medicine",
        "region": "银河南路街道",
        "unit": "安次区某中医诊所（示例）",
        "ladder": [
            ("county", 2009),
            ("municipal", 2011),
            ("provincial", 2017),
            ("national", 2021, EXTENSION),
        ],
        "summary": "以手法复位、夹板固定、中药外敷治疗骨折和关节脱位的家传正骨术。",
        "body": [
            "手法讲究“稳、准、轻、快”，有摸、接、端、提、推、拿、按、摩八法。",
            "家族自清代行医，现已传至第五代，诊所每年接诊数千人次。",
        ],
        "tags": ["中医", "正骨", "医药"],
        "images": ["正骨手法示范"],
    },
    {
        "title": "葛渔城膏药制作技艺",
        "category": "traditional-medicine",
        "region": "葛渔城镇",
        "unit": "葛渔城镇卫生院",
        "ladder": [("county", 2011), ("municipal", 2020)],
        "summary": "以多味中药熬制黑膏药的传统技艺，用于跌打损伤和风湿痹痛。",
        "body": ["熬膏需掌握“滴水成珠”的火候，全凭经验判断。"],
        "tags": ["中医", "膏药"],
        "images": [],
        "related": ["中医正骨（安次李氏）"],
    },
    {
        "title": "针灸疗法（仇庄）",
        "category": "traditional-medicine",
        "region": "仇庄镇",
        "unit": "仇庄镇卫生院",
        "ladder": [("county", 2018)],
        "summary": "乡村医生世代相传的针灸手法，擅长治疗颈肩腰腿痛。",
        "body": ["传承人坚持为乡邻义诊，并整理了家传穴位歌诀。"],
        "tags": ["中医", "针灸"],
        "images": [],
    },
    # Ⅹ 民俗
    {
        "title": "码头药王庙会",
        "category": "folk-custom",
        "region": "码头镇",
        "unit": "码头镇人民政府",
        "ladder": [("county", 2009), ("municipal", 2011), ("provincial", 2013)],
        "summary": "每年农历四月举行的庙会，集祭祀、商贸、花会表演于一体，周边数十村参与。",
        "body": [
            "庙会期间吹歌、高跷、狮子舞等花会轮番登场，面塑、风筝等手艺人设摊展卖。",
            "庙会是观察本地各项非遗如何在生活中相互依存的最佳窗口。",
        ],
        "tags": ["庙会", "花会", "民俗"],
        "images": ["庙会花会表演", "庙会集市"],
        "related": ["安次吹歌", "安次高跷", "安次面塑"],
    },
    {
        "title": "二十四节气农事习俗（安次）",
        "category": "folk-custom",
        "region": "北史家务镇",
        "unit": "安次区农业技术推广站",
        "ladder": [("county", 2014), ("municipal", 2016), ("unesco", 2016)],
        "summary": "按节气安排耕种、收获与饮食的农事经验和相关习俗，以农谚形式口耳相传。",
        "body": ["当地农谚如“清明前后，种瓜点豆”“白露早，寒露迟，秋分种麦正当时”至今仍指导农时。"],
        "tags": ["节气", "农谚", "农事"],
        "images": ["节气农事体验活动"],
        "related": ["安次歇后语"],
    },
    {
        "title": "安次元宵灯会",
        "category": "folk-custom",
        "region": "银河南路街道",
        "unit": "安次区文化馆",
        "ladder": [("county", 2011)],
        "summary": "正月十四至十六挂灯、赏灯、猜灯谜的节俗，伴有花会踩街。",
        "body": ["灯会上的宫灯、走马灯多由本地艺人手工扎制。"],
        "tags": ["元宵", "灯会", "民俗"],
        "images": ["元宵灯会夜景"],
        "related": ["安次高跷"],
    },
    {
        "title": "杨税务花会",
        "category": "folk-custom",
        "region": "杨税务乡",
        "unit": "杨税务乡综合文化站",
        "ladder": [("county", 2009), ("municipal", 2013)],
        "summary": "由各村会档组成的民间花会，正月里“拜会”串村，礼仪程式完整。",
        "body": ["花会有“文会”“武会”之分，各档之间的拜会礼节是研究乡村社会组织的珍贵材料。"],
        "tags": ["花会", "民俗"],
        "images": [],
        "related": ["杨税务锣鼓"],
    },
]

# Inheritors, teachers first: ``teachers`` names inheritors listed earlier.
# ``designations``: (level, batch, year).
INHERITORS = [
    {
        "key": "CCR-001", "name": "张德顺", "gender": "male", "birth_year": 1938,
        "region": "北史家务镇", "items": ["安次吹歌"], "teachers": [],
        "designations": [("county", "第一批", 2010), ("municipal", "第二批", 2012),
                         ("provincial", "第四批", 2014)],
        "summary": "吹歌班第三代掌班，擅长唢呐，能演奏曲牌五十余首。",
    },
    {
        "key": "CCR-002", "name": "张凤林", "gender": "male", "birth_year": 1962,
        "region": "北史家务镇", "items": ["安次吹歌"], "teachers": ["张德顺"],
        "designations": [("county", "第一批", 2010), ("municipal", "第三批", 2015)],
        "summary": "十二岁随父学艺，现为吹歌班掌班，整理出版吹歌曲谱一册。",
    },
    {
        "key": "CCR-003", "name": "张晓宇", "gender": "male", "birth_year": 1990,
        "region": "北史家务镇", "items": ["安次吹歌", "码头镇笙管乐"], "teachers": ["张凤林"],
        "designations": [("county", "第三批", 2019)],
        "summary": "音乐学院毕业后回乡传艺，在中小学开设吹歌兴趣班。",
    },
    {
        "key": "CCR-004", "name": "刘宝仁", "gender": "male", "birth_year": 1945,
        "region": "光明西道街道", "items": ["安次快板"], "teachers": [],
        "designations": [("county", "第一批", 2010), ("municipal", "第二批", 2012)],
        "summary": "说快板六十余年，创作快板段子两百余篇。",
    },
    {
        "key": "CCR-005", "name": "王春生", "gender": "male", "birth_year": 1970,
        "region": "永华道街道", "items": ["安次快板", "安次西河大鼓"], "teachers": ["刘宝仁"],
        "designations": [("county", "第二批", 2014), ("municipal", "第四批", 2018)],
        "summary": "快板、大鼓兼擅，常年带领曲艺小分队下乡演出。",
    },
    {
        "key": "CCR-006", "name": "李佳琪", "gender": "female", "birth_year": 1995,
        "region": "光明西道街道", "items": ["安次快板"], "teachers": ["刘宝仁", "王春生"],
        "designations": [("county", "第四批", 2023)],
        "summary": "先后师从两代快板艺人，擅长以快板讲述身边新人新事。",
    },
    {
        "key": "CCR-007", "name": "赵秀兰", "gender": "female", "birth_year": 1950,
        "region": "葛渔城镇", "items": ["安次剪纸"], "teachers": [],
        "designations": [("county", "第一批", 2010), ("municipal", "第二批", 2012),
                         ("provincial", "第四批", 2014), ("national", "第五批", 2018)],
        "summary": "剪纸作品多次参加全国展览，尤擅戏曲人物和窗花。",
    },
    {
        "key": "CCR-008", "name": "赵丽娟", "gender": "female", "birth_year": 1976,
        "region": "葛渔城镇", "items": ["安次剪纸"], "teachers": ["赵秀兰"],
        "designations": [("county", "第二批", 2014), ("municipal", "第四批", 2018)],
        "summary": "在母亲指导下学习剪纸，开办剪纸工作室，培训学员上千人次。",
    },
    {
        "key": "CCR-009", "name": "孙雨萱", "gender": "female", "birth_year": 1998,
        "region": "南苑街道", "items": ["安次剪纸", "安次面塑"], "teachers": ["赵丽娟"],
        "designations": [("county", "第四批", 2023)],
        "summary": "尝试将剪纸与文创设计结合，作品在青年中颇受欢迎。",
    },
    {
        "key": "CCR-010", "name": "李成林", "gender": "male", "birth_year": 1942,
        "region": "银河南路街道", "items": ["中医正骨（安次李氏）"], "teachers": [],
        "designations": [("county", "第一批", 2010), ("municipal", "第二批", 2012),
                         ("provincial", "第五批", 2018)],
        "summary": "李氏正骨第四代传人，行医五十余年。",
    },
    {
        "key": "CCR-011", "name": "李国栋", "gender": "male", "birth_year": 1968,
        "region": "银河南路街道", "items": ["中医正骨（安次李氏）"], "teachers": ["李成林"],
        "designations": [("county", "第二批", 2014), ("municipal", "第四批", 2018)],
        "summary": "李氏正骨第五代传人，系统整理家传手法与方药。",
    },
    {
        "key": "CCR-012", "name": "李文博", "gender": "male", "birth_year": 1993,
        "region": "银河南路街道", "items": ["中医正骨（安次李氏）"], "teachers": ["李国栋"],
        "designations": [("county", "第四批", 2023)],
        "summary": "中医药大学毕业，随父临证，负责正骨技艺的影像记录。",
    },
    {
        "key": "CCR-013", "name": "陈永贵", "gender": "male", "birth_year": 1948,
        "region": "北史家务镇", "items": ["安次高跷", "码头药王庙会"], "teachers": [],
        "designations": [("county", "第一批", 2010), ("municipal", "第二批", 2012)],
        "summary": "高跷会会头，武跷绝技“跳桌”的代表艺人。",
    },
    {
        "key": "CCR-014", "name": "陈志强", "gender": "male", "birth_year": 1972,
        "region": "北史家务镇", "items": ["安次高跷"], "teachers": ["陈永贵"],
        "designations": [("county", "第三批", 2019)],
        "summary": "现任高跷会会头，组织青少年高跷队。",
    },
    {
        "key": "CCR-015", "name": "周桂芝", "gender": "female", "birth_year": 1956,
        "region": "南苑街道", "items": ["安次面塑"], "teachers": [],
        "designations": [("county", "第二批", 2014), ("municipal", "第三批", 2015)],
        "summary": "面塑艺人，擅捏戏曲人物和十二生肖，常年在庙会设摊。",
    },
]  # fmt: skip

# Figures of 安次名人录: all invented for the demonstration, which each
# summary says. Years: negative for BCE, None when unknown.
FIGURES = [
    {
        "key": "MR-001", "name": "燕子期", "alt_names": "子期、燕先生", "era": "战国",
        "birth": (-330, True), "death": (-270, True), "hometown": "安次（今码头镇一带）",
        "field": "思想、教育",
        "summary": "相传为战国时燕国游学之士，晚年归乡授徒。",
        "related_items": ["永定河传说"], "tags": ["先秦", "教育"],
    },
    {
        "key": "MR-002", "name": "耿安平", "alt_names": "伯宁", "era": "西汉",
        "birth": (-156, True), "death": (-87, True), "hometown": "安次县",
        "field": "水利",
        "summary": "传说中西汉时主持疏浚河道的地方小吏，民间有其治水的故事流传。",
        "related_items": ["永定河传说"], "tags": ["水利", "两汉"],
    },
    {
        "key": "MR-003", "name": "韩德源", "alt_names": "源之", "era": "辽",
        "birth": (1012, True), "death": (1071, False), "hometown": "安次县",
        "field": "文学",
        "summary": "辽代地方文士，所作诗文多咏河川风物。",
        "related_items": [], "tags": ["辽金", "诗文"],
    },
    {
        "key": "MR-004", "name": "赵文举", "alt_names": "子升、河东居士", "era": "明",
        "birth": (1520, False), "death": (1589, False), "hometown": "东沽港",
        "field": "地方史志",
        "summary": "明代乡贤，曾参与编修县志，留心记录乡间风俗。",
        "related_items": ["二十四节气农事习俗（安次）"], "tags": ["明清", "方志"],
    },
    {
        "key": "MR-005", "name": "刘锡纯", "alt_names": "纯斋", "era": "清",
        "birth": (1780, True), "death": (1845, False), "hometown": "葛渔城",
        "field": "医学",
        "summary": "清代乡医，以接骨疗伤闻名乡里。",
        "related_items": ["中医正骨（安次李氏）", "葛渔城膏药制作技艺"], "tags": ["明清", "中医"],
    },
    {
        "key": "MR-006", "name": "张琴舫", "alt_names": "琴舫、张三笛", "era": "清末民国",
        "birth": (1868, False), "death": (1937, False), "hometown": "北史家务",
        "field": "民间音乐",
        "summary": "吹歌艺人，传说能以一支唢呐模仿数种戏曲唱腔。",
        "related_items": ["安次吹歌"], "tags": ["音乐", "近代"],
    },
    {
        "key": "MR-007", "name": "李墨林", "alt_names": "墨林", "era": "民国",
        "birth": (1895, False), "death": (1962, False), "hometown": "落垡",
        "field": "绘画",
        "summary": "画家，擅画永定河两岸风景，也为风筝艺人绘制画稿。",
        "related_items": ["安次风筝"], "tags": ["美术", "近代"],
    },
    {
        "key": "MR-008", "name": "孟兰芳", "alt_names": "", "era": "当代",
        "birth": (1931, False), "death": (2015, False), "hometown": "葛渔城",
        "field": "民间美术",
        "summary": "剪纸艺人，晚年将剪纸技艺传授给村中妇女和孩子。",
        "related_items": ["安次剪纸"], "tags": ["剪纸", "当代"],
    },
    {
        "key": "MR-009", "name": "郭振声", "alt_names": "振声", "era": "当代",
        "birth": (1928, False), "death": (2009, False), "hometown": "仇庄",
        "field": "戏曲",
        "summary": "河北梆子演员，退休后组织村剧团，培养了一批青年演员。",
        "related_items": ["仇庄河北梆子"], "tags": ["戏曲", "当代"],
    },
    {
        "key": "MR-010", "name": "何守义", "alt_names": "", "era": "清",
        "birth": (None, False), "death": (1860, True), "hometown": "杨税务",
        "field": "民间体育",
        "summary": "生年不详的拳师，相传曾在本地设场教授戳脚。",
        "related_items": ["安次戳脚"], "tags": ["武术", "明清"],
    },
]  # fmt: skip

FIGURE_SOURCES = [
    "《安次文史资料选编（示例）》，安次区文化馆编，示例文献，非真实出版物",
    "安次区非物质文化遗产普查口述记录（示例），2008年",
]

# News articles per channel key of core.site_tree: (title, date, source, editor, views, text)
ARTICLES = {
    "news_public": [
        ("安次区文化馆2025年免费开放服务项目公示", "2025-01-06", "安次区文化馆", "王宁", 1326,
         "本馆全年免费开放展厅、排练厅、培训教室和数字文化体验区，开放时间与服务项目见正文。"),
        ("第五批区级非物质文化遗产代表性项目名录公示", "2022-08-18", "安次区文化馆", "刘洋", 2875,
         "经专家评审，拟将五个项目列入第五批区级非遗代表性项目名录，现予公示，公示期十个工作日。"),
        ("关于开展2025年度非遗传承人履责评估的通知", "2025-03-12", "安次区文化馆", "王宁", 964,
         "请各级代表性传承人于四月底前提交年度传承活动记录，评估结果将作为补助发放依据。"),
        ("安次区文化馆2024年度部门决算公开说明", "2025-06-30", "安次区文化馆", "陈静", 512,
         "本说明介绍本馆年度收支总体情况、公共文化服务支出及绩效目标完成情况。"),
    ],
    "news_center": [
        ("“非遗进校园”少儿京剧训练班结业汇报演出举行", "2025-07-20", "安次区文化馆", "赵敏", 1843,
         "三十余名小学员身着戏装登台，演唱了《红灯记》选段，并展示了基本功训练成果。"),
        ("文化馆举办第三届安次快板大赛", "2025-05-16", "安次区文化馆", "赵敏", 1207,
         "来自各乡镇街道的二十支队伍参赛，选手以快板讲述乡村振兴中的身边故事。"),
        ("总分馆制建设推进会在落垡镇召开", "2025-04-09", "安次区文化馆", "刘洋", 688,
         "会议总结了分馆和服务点的运行情况，部署下一阶段流动服务和数字资源下沉工作。"),
        ("春节花会展演活动圆满结束", "2025-02-13", "安次区文化馆", "陈静", 2231,
         "吹歌、高跷、狮子舞等十余档花会在文化广场轮番展演，吸引市民近万人次观看。"),
    ],
    "news_charm": [
        ("永定河畔的吹歌声", "2024-11-02", "《安次文化》编辑部", "孙悦", 1580,
         "一个吹歌家族三代人的坚守，记录了唢呐声里的乡土记忆。"),
        ("一把剪刀剪出的四季", "2024-09-15", "《安次文化》编辑部", "孙悦", 1094,
         "走进葛渔城镇的剪纸工作室，看窗花如何走进年轻人的生活。"),
        ("庙会：一年一度的乡村盛会", "2024-05-20", "《安次文化》编辑部", "周航", 877,
         "庙会不仅是集市，更是各项民间技艺相互成就的舞台。"),
    ],
}  # fmt: skip

PERIODICAL_ISSUES = [
    {
        "title": "《安次文化》2025年第1期",
        "slug": "2025-1",
        "issue_number": "2025年第1期（总第41期）",
        "date": "2025-03-31",
        "summary": "本期要目：春节花会展演纪实；安次吹歌的三代传人；剪纸作品选登。",
    },
    {
        "title": "《安次文化》2025年第2期",
        "slug": "2025-2",
        "issue_number": "2025年第2期（总第42期）",
        "date": "2025-06-30",
        "summary": "本期要目：快板大赛获奖作品；码头药王庙会调查；总分馆服务点巡礼。",
    },
]

GALLERIES = [
    {
        "title": "“巧手匠心”非遗作品展",
        "slug": "qiaoshou-jiangxin",
        "date": "2025-06-14",
        "introduction": "展出剪纸、面塑、风筝、柳编等非遗作品百余件，这里选登部分展品照片。",
        "images": ["展厅全景", "剪纸展区", "面塑展区", "风筝展区"],
        "tags": ["非遗", "展览"],
        "artworks": [
            ("《春满农家》剪纸", "赵丽娟", 2024, "红宣纸剪纸", "68×68厘米",
             "以团花构图表现春耕、喂鸡、晒粮等农家场景。"),
            ("《穆桂英挂帅》面塑", "周桂芝", 2023, "彩色面塑", "高25厘米",
             "人物盔甲靠旗细致入微，神态英武。"),
        ],
    },
    {
        "title": "安次区群众书画摄影作品选",
        "slug": "shuhua-sheying",
        "date": "2025-09-28",
        "introduction": "从全区群众书画摄影征集活动中选出的优秀作品。",
        "images": ["书法作品", "国画作品", "摄影作品", "少儿绘画"],
        "tags": ["书画", "摄影"],
        "artworks": [
            ("《永定河晨曦》摄影", "马晓东", 2025, "数码摄影", "60×40厘米",
             "清晨的永定河滩，薄雾中的柳林与河水。"),
            ("《行书·节气诗》", "吴建华", 2024, "宣纸行书", "138×68厘米",
             "书写自撰节气诗一首，笔意流畅。"),
        ],
    },
]  # fmt: skip

COURSES = [
    {
        "title": "快板入门",
        "slug": "kuaiban-rumen",
        "teacher": "王春生",
        "audience": "曲艺爱好者、中小学生",
        "summary": "从握板、打板到合辙押韵，六节课学会一段完整的快板。",
        "tags": ["快板", "曲艺"],
        "lessons": ["握板与基本板式", "贯口与吐字", "创作一段自己的快板"],
    },
    {
        "title": "窗花剪纸基础",
        "slug": "chuanghua-jianzhi",
        "teacher": "赵丽娟",
        "audience": "零基础成人、亲子家庭",
        "summary": "学习折剪、阴刻阳刻和团花构图，完成一幅自己的窗花。",
        "tags": ["剪纸", "民间美术"],
        "lessons": ["工具与折纸方法", "锯齿纹和月牙纹", "团花构图"],
    },
]

# Events: (title, days from now, duration hours, location, summary)
EVENTS = [
    ("非遗周末体验课：面塑", 6, 3, "安次区文化馆三楼培训教室", "手把手教你捏一只生肖小老虎，材料免费提供。"),
    ("安次快板新作品展演", 14, 2, "安次区文化馆小剧场", "快板大赛获奖作品汇报演出，免费入场。"),
    ("永定河风筝放飞会", 40, 5, "永定河滩风筝放飞场", "风筝艺人现场扎制与放飞表演，欢迎市民携带风筝参加。"),
    ("春节花会展演", -60, 4, "安次区文化广场", "吹歌、高跷、狮子舞等十余档花会轮番展演。"),
    ("少儿京剧训练班结业汇报", -30, 2, "安次区文化馆小剧场", "三十余名小学员登台汇报演出。"),
    ("剪纸艺术进社区", -10, 3, "南苑街道综合文化服务中心", "剪纸传承人走进社区，教居民剪窗花。"),
]  # fmt: skip

# Sign-up (site/signups): the upcoming event open for sign-up, and the course
# that is full with people waiting. The people are made up; 13800000000-range
# numbers are the ones used as examples, never handed out to subscribers.
SIGNUP_EVENT = "非遗周末体验课：面塑"
SIGNUP_EVENT_CAPACITY = 30
SIGNUP_COURSE = "kuaiban-rumen"
SIGNUP_COURSE_PEOPLE = [
    ("示例学员甲", "13800000001"),
    ("示例学员乙", "13800000002"),
    ("示例学员丙", "13800000003"),
    ("示例学员丁", "13800000004"),
    ("示例学员戊", "13800000005"),
]
SIGNUP_COURSE_WAITING = 2

# Branches: (title, slug, level, township, address, hours, phone, description)
BRANCHES = [
    ("安次区文化馆（总馆）", "zongguan", "1-main", "银河南路街道",
     "安次区银河南路示例大街88号", "周二至周日 9:00—17:00（周一闭馆）", "0316-5200100",
     "总馆设展厅、小剧场、排练厅、培训教室和数字文化体验区，统筹全区分馆和服务点的资源配送。"),
    ("码头镇分馆", "matou", "2-branch", "码头镇", "码头镇政府示例路12号",
     "周一至周五 8:30—17:30", "0316-5200201",
     "分馆依托镇综合文化站建设，设有笙管乐排练室和皮影戏展示角。"),
    ("落垡镇分馆", "luofa", "2-branch", "落垡镇", "落垡镇文化路示例6号",
     "周一至周五 8:30—17:30", "0316-5200202", "分馆设多功能厅和图书阅览室，秧歌队常年在此排练。"),
    ("葛渔城镇分馆", "geyucheng", "2-branch", "葛渔城镇", "葛渔城镇中心街示例9号",
     "周二至周六 9:00—17:00", "0316-5200203", "分馆设剪纸工作室，定期开展剪纸培训。"),
    ("北史家务镇分馆", "beishijiawu", "2-branch", "北史家务镇", "北史家务镇示例东路3号",
     "周二至周六 9:00—17:00", "0316-5200204", "分馆是吹歌会和高跷会的排练基地。"),
    ("东沽港村服务点", "donggugang-fwd", "3-service-point", "东沽港镇", "东沽港镇东沽港村村委会院内",
     "每日 14:00—20:00", "0316-5200301", "服务点设农家书屋和柳编展示室。"),
    ("仇庄村服务点", "qiuzhuang-fwd", "3-service-point", "仇庄镇", "仇庄镇仇庄村文化广场旁",
     "每日 14:00—20:00", "0316-5200302", "服务点是村梆子剧团和武术协会的活动场所。"),
    ("南苑社区服务点", "nanyuan-fwd", "3-service-point", "南苑街道", "南苑街道示例社区服务中心二层",
     "周一至周六 9:00—20:00", "0316-5200303", "社区服务点开设面塑、书法等公益课程。"),
]  # fmt: skip

HOME_INTRO = (
    "【示例】安次区文化馆是区级公益性文化事业单位，承担群众文化活动组织、"
    "艺术培训、非物质文化遗产保护与数字档案建设等职能。本站内容为演示用示例数据。"
)

ABOUT_INTRODUCTION = "【示例】安次区文化馆简介（演示内容）。"
ABOUT_BODY = [
    "安次区文化馆是区级公益性文化事业单位，设办公室、活动部、培训部、非遗保护中心和数字资源部。",
    "馆舍建筑面积约六千平方米，设有展厅、小剧场、排练厅、培训教室、非遗展示厅和数字文化体验区，"
    "全年免费向公众开放。",
    "本馆以总分馆制统筹全区文化资源，在各乡镇街道建有分馆，在村和社区设有服务点，"
    "开展流动演出、公益培训和非遗传承活动。",
    "以上内容为演示用示例数据。",
]

# Introductions of the section pages, by core.site_tree key.
SECTION_INTRODUCTIONS = {
    "news": "【示例】本馆的公告、动态与文化刊物。",
    "news_public": "【示例】依法公开的通知、公示与决算信息。",
    "news_center": "【示例】本馆活动与工作动态。",
    "news_charm": "【示例】讲述安次的人、事与风物。",
    "periodicals": "【示例】馆办刊物《安次文化》各期电子版。",
    "figures": "【示例】安次历史与当代名人（演示用虚构人物）。",
    "galleries": "【示例】展览与群众艺术作品。",
    "training": "【示例】免费的网上公益课程。",
    "events": "【示例】近期活动与往期回顾。",
    "heritage": "【示例】安次区非物质文化遗产档案。",
    "heritage_items": "【示例】区、市、省、国家和世界级名录中的安次项目。",
    "inheritors": "【示例】各级非遗代表性传承人及其师承。",
    "branches": "【示例】总馆、分馆与村（社区）服务点。",
}

SITE_SETTINGS = {
    "site_name": "安次区文化馆",
    "icp_number": "冀ICP备00000000号-1（示例）",
    "phone": "0316-5200100（示例）",
    "email": "wenhuaguan@example.org",
    "wechat": "安次区文化馆（示例）",
    "website": "https://www.example.org/",
}

# 国家公共文化云's address is its known one; the provincial and city
# platforms' addresses could not be confirmed, so they point to reserved
# example.org pages rather than to a guessed domain someone else may own.
# A curator replaces them in the admin (站点设置 > 友情链接).
FRIENDLY_LINKS = [
    ("河北省公共文化云", "https://hebei-culture-cloud.example.org/"),
    ("国家公共文化云", "https://www.culturedc.cn/"),
    ("廊坊市公共文化服务数字平台", "https://langfang-culture.example.org/"),
]
