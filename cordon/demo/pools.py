"""Word pools and goods for the synthetic customs data: clean companies, products, routes.

Clean company names are built from syllables and words chosen not to resemble any party on the
bundled sample list; goods carry realistic national HS codes and EN/RU/ZH descriptions.
"""

# ruff: noqa: E501 (tables of goods and words read best one entry per line)
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Product:
    """One kind of goods: its declared code, descriptions, unit and typical unit price in USD."""

    hs_code: str  # national 10-digit code as declared (EAEU TN VED / CN HS)
    en: str
    ru: str
    zh: str
    unit: str
    unit_usd: float
    kg_per_unit: float
    chpl: bool = False


CHPL_PRODUCTS: tuple[Product, ...] = (
    Product("8542310001", "Microcontrollers STM32F407 ARM Cortex-M4", "Микроконтроллеры STM32F407", "微控制器 STM32F407", "pcs", 6.0, 0.002, True),
    Product("8542320002", "DRAM memory chips DDR4 8Gb", "Микросхемы памяти DDR4", "DDR4 存储芯片", "pcs", 3.0, 0.002, True),
    Product("8542330000", "Operational amplifier ICs", "Микросхемы операционных усилителей", "运算放大器集成电路", "pcs", 0.8, 0.001, True),
    Product("8542390009", "FPGA integrated circuits", "Интегральные схемы ПЛИС", "FPGA 集成电路", "pcs", 40.0, 0.005, True),
    Product("8526910009", "GNSS navigation receiver modules", "Навигационные приемники ГЛОНАСС/GPS", "GNSS 导航接收模块", "pcs", 25.0, 0.05, True),
    Product("8532240000", "Multilayer ceramic capacitors", "Конденсаторы керамические многослойные", "多层陶瓷电容器", "pcs", 0.02, 0.0001, True),
    Product("8517620009", "Network switches and routers", "Коммутаторы и маршрутизаторы", "网络交换机和路由器", "pcs", 300.0, 2.5, True),
    Product("8471500000", "Server processing units", "Вычислительные блоки серверов", "服务器处理单元", "pcs", 1500.0, 12.0, True),
    Product("8807300000", "UAV flight controllers and parts", "Части беспилотных летательных аппаратов", "无人机飞控及零件", "pcs", 120.0, 0.3, True),
    Product("8482100009", "Ball bearings", "Подшипники шариковые", "滚珠轴承", "pcs", 2.0, 0.1, True),
    Product("9013800000", "Optical devices and assemblies", "Оптические приборы", "光学器件", "pcs", 200.0, 0.8, True),
    Product("8529109000", "Antennas and antenna parts", "Антенны и их части", "天线及零件", "pcs", 15.0, 0.4, True),
    Product("8504409000", "Switching power supplies", "Импульсные источники питания", "开关电源", "pcs", 12.0, 0.5, True),
)  # fmt: skip

STORY_PRODUCTS: tuple[Product, ...] = (
    Product("8526100009", "Radar apparatus", "Радиолокационная аппаратура", "雷达设备", "pcs", 5000.0, 25.0),
    Product("8526920009", "Radio remote control equipment", "Аппаратура радиоуправления", "无线电遥控设备", "pcs", 60.0, 0.4),
    Product("8411120000", "Small turbojet engines", "Турбореактивные двигатели малой тяги", "小型涡轮喷气发动机", "pcs", 20000.0, 30.0),
)  # fmt: skip

ORDINARY_PRODUCTS: tuple[Product, ...] = (
    Product("6203420000", "Men's cotton trousers", "Брюки мужские хлопчатобумажные", "男式棉质长裤", "pcs", 8.0, 0.5),
    Product("9503009500", "Plastic toys", "Игрушки пластмассовые", "塑料玩具", "pcs", 3.0, 0.3),
    Product("9403600000", "Wooden furniture", "Мебель деревянная", "木制家具", "pcs", 120.0, 25.0),
    Product("0902300000", "Black tea", "Чай черный", "红茶", "kg", 4.0, 1.0),
    Product("4011100000", "Passenger car tyres", "Шины для легковых автомобилей", "轿车轮胎", "pcs", 45.0, 9.0),
    Product("8708999709", "Motor vehicle parts", "Части автомобилей", "汽车零部件", "pcs", 20.0, 2.0),
    Product("6403999800", "Leather footwear", "Обувь кожаная", "皮鞋", "pairs", 25.0, 1.0),
    Product("7306400000", "Stainless steel pipes", "Трубы из нержавеющей стали", "不锈钢管", "kg", 3.0, 1.0),
    Product("3926909709", "Plastic articles", "Изделия из пластмасс", "塑料制品", "kg", 1.5, 1.0),
    Product("8418102001", "Household refrigerators", "Холодильники бытовые", "家用冰箱", "pcs", 300.0, 60.0),
    Product("8450111100", "Washing machines", "Стиральные машины", "洗衣机", "pcs", 250.0, 65.0),
    Product("8516500000", "Microwave ovens", "Микроволновые печи", "微波炉", "pcs", 60.0, 12.0),
    Product("3004900002", "Medicaments in doses", "Лекарственные средства в дозированном виде", "已配剂量药品", "kg", 50.0, 1.0),
    Product("8703239013", "Passenger cars", "Легковые автомобили", "乘用车", "pcs", 25000.0, 1500.0),
    Product("8471300000", "Portable computers", "Ноутбуки портативные", "笔记本电脑", "pcs", 600.0, 2.0),
    Product("8517130000", "Smartphones", "Смартфоны", "智能手机", "pcs", 200.0, 0.2),
)  # fmt: skip

# Innocent-looking descriptions used to hide chips under a harmless code (planted RF-21a cases).
HIDDEN_CHIP_DESCRIPTIONS: tuple[tuple[str, str], ...] = (
    ("9503009500", "Integrated circuits, microcontrollers STM32"),
    ("9403600000", "Микросхемы интегральные, процессоры"),
    ("3926909709", "集成电路 处理器芯片"),
    ("7306400000", "Microprocessors and memory chips"),
)

CN_CITIES = ("Shenzhen", "Dongguan", "Ningbo", "Xiamen", "Suzhou", "Hangzhou", "Qingdao", "Foshan", "Wuxi", "Tianjin")  # fmt: skip
CN_CITIES_ZH = ("深圳市", "东莞市", "宁波市", "厦门市", "苏州市", "杭州市", "青岛市", "佛山市", "无锡市", "天津市")  # fmt: skip
CN_BRANDS = (("Huaxing", "华兴"), ("Ruifeng", "瑞丰"), ("Taihe", "泰和"), ("Jinlong", "金龙"), ("Hengda", "恒达"), ("Mingyuan", "明远"), ("Guangtong", "广通"), ("Boyuan", "博源"), ("Xinrui", "鑫瑞"), ("Kaitai", "凯泰"), ("Dahua", "大华"), ("Yongsheng", "永盛"), ("Fuchang", "富昌"), ("Haoyu", "浩宇"), ("Lianhe", "联合"), ("Zhongke", "中科"))  # fmt: skip
CN_TRADES = (("Electronic Technology", "电子科技"), ("Trading", "贸易"), ("Industrial", "实业"), ("Precision Machinery", "精密机械"), ("Import & Export", "进出口"), ("Optoelectronics", "光电"), ("Auto Parts", "汽车配件"), ("Textile", "纺织"))  # fmt: skip
HK_WORDS = ("Everbright", "Goldway", "Harbourview", "Silverline", "Pearlriver", "Oceanwide", "Greatwall", "Bluesky", "Victory", "Fortune", "Unicorn", "Jadestone")  # fmt: skip
HK_TRADES = ("Components", "Trading", "Technology", "Holdings", "Industrial", "Supply Chain")  # fmt: skip
WEST_SURNAMES = ("Müller", "Schneider", "Fischer", "Weber", "Becker", "Hoffmann", "Carter", "Whitman", "Morrison", "Hughes", "Tanaka", "Suzuki", "Park", "Kim", "Lin", "Chen")  # fmt: skip
RU_WORDS = ("Техно", "Спектр", "Вектор", "Альфа", "Импульс", "Гарант", "Меридиан", "Промсервис", "Энерго", "Сибирь", "Волга", "Урал", "Балтика", "Северный", "Профит", "Атлант", "Горизонт", "Ресурс", "Прайм", "Эталон")  # fmt: skip
RU_SUFFIXES = ("Трейд", "Снаб", "Комплект", "Сервис", "Импорт", "Логистик", "Инвест", "Пром", "Маркет", "Систем")  # fmt: skip
CYR_TO_LAT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip
TR_WORDS = ("Anadolu", "Bosphorus", "Marmara", "Ege", "Kapadokya", "Toros")
AE_WORDS = ("Gulf Star", "Desert Rose", "Al Noor", "Crescent", "Palm Horizon", "Emirates Bridge")
STREETS = ("Nathan Road", "Queen's Road Central", "Des Voeux Road", "Hennessy Road", "Canton Road")
WEST_STREETS = ("Main Street", "Industriestraße", "Harbor Boulevard", "Technology Drive", "Market Street", "Chuo-dori", "Teheran-ro", "Neihu Road")  # fmt: skip
CN_STREETS = ("Shennan Avenue", "Huaqiang North Road", "Binhai Road", "Keyuan Road", "Jinsui Road")

# One Hong Kong formation-agent address shared by many planted shell exporters (RF-08).
SHELL_ADDRESS = "Room 1203, 12/F, Tower 2, Lippo Centre, 89 Queensway, Admiralty, Hong Kong"

# Destination shares of the importers (clean trade).
IMPORTER_COUNTRIES: tuple[tuple[str, float], ...] = (
    ("RU", 0.45), ("KZ", 0.08), ("BY", 0.05), ("AE", 0.06), ("TR", 0.06), ("AM", 0.03),
    ("KG", 0.03), ("DE", 0.06), ("US", 0.06), ("IN", 0.04), ("UZ", 0.02), ("GE", 0.02), ("PL", 0.04),
)  # fmt: skip
EXPORTER_COUNTRIES: tuple[tuple[str, float], ...] = (
    ("CN", 0.55), ("HK", 0.12), ("DE", 0.07), ("US", 0.06), ("TR", 0.05), ("JP", 0.03),
    ("KR", 0.03), ("TW", 0.03), ("AE", 0.03), ("IN", 0.03),
)  # fmt: skip
USD_RATES = {"USD": 1.0, "EUR": 0.92, "CNY": 7.1, "RUB": 85.0}
