-- The NIS2 sectors and sub-sectors (Directive (EU) 2022/2555, Annex I: sectors of high criticality; Annex II: other
-- critical sectors), with their Albanian names.

INSERT INTO operator_sectors (code, annex, position, name_en, name_sq) VALUES
 ('energy',                'I',  1,  'Energy', 'Energjia'),
 ('transport',             'I',  2,  'Transport', 'Transporti'),
 ('banking',               'I',  3,  'Banking', 'Bankat'),
 ('financial-market',      'I',  4,  'Financial market infrastructures', 'Infrastrukturat e tregut financiar'),
 ('health',                'I',  5,  'Health', 'Shëndetësia'),
 ('drinking-water',        'I',  6,  'Drinking water', 'Uji i pijshëm'),
 ('waste-water',           'I',  7,  'Waste water', 'Ujërat e ndotura'),
 ('digital-infrastructure','I',  8,  'Digital infrastructure', 'Infrastruktura digjitale'),
 ('ict-service-management','I',  9,  'ICT service management (business-to-business)', 'Menaxhimi i shërbimeve TIK (biznes me biznes)'),
 ('public-administration', 'I',  10, 'Public administration', 'Administrata publike'),
 ('space',                 'I',  11, 'Space', 'Hapësira'),
 ('postal-courier',        'II', 12, 'Postal and courier services', 'Shërbimet postare dhe korriere'),
 ('waste-management',      'II', 13, 'Waste management', 'Menaxhimi i mbetjeve'),
 ('chemicals',             'II', 14, 'Manufacture, production and distribution of chemicals', 'Prodhimi, përpunimi dhe shpërndarja e kimikateve'),
 ('food',                  'II', 15, 'Production, processing and distribution of food', 'Prodhimi, përpunimi dhe shpërndarja e ushqimeve'),
 ('manufacturing',         'II', 16, 'Manufacturing', 'Prodhimi industrial'),
 ('digital-providers',     'II', 17, 'Digital providers', 'Ofruesit digjitalë'),
 ('research',              'II', 18, 'Research', 'Kërkimi shkencor');

INSERT INTO operator_subsectors (code, sector_code, position, name_en, name_sq) VALUES
 ('energy.electricity',        'energy',        1, 'Electricity', 'Energjia elektrike'),
 ('energy.district-heating',   'energy',        2, 'District heating and cooling', 'Ngrohja dhe ftohja qendrore'),
 ('energy.oil',                'energy',        3, 'Oil', 'Nafta'),
 ('energy.gas',                'energy',        4, 'Gas', 'Gazi'),
 ('energy.hydrogen',           'energy',        5, 'Hydrogen', 'Hidrogjeni'),
 ('transport.air',             'transport',     1, 'Air', 'Ajror'),
 ('transport.rail',            'transport',     2, 'Rail', 'Hekurudhor'),
 ('transport.water',           'transport',     3, 'Water', 'Ujor'),
 ('transport.road',            'transport',     4, 'Road', 'Rrugor'),
 ('manufacturing.medical-devices', 'manufacturing', 1, 'Medical devices and in vitro diagnostic medical devices', 'Pajisje mjekësore dhe pajisje mjekësore diagnostikuese in vitro'),
 ('manufacturing.electronics', 'manufacturing', 2, 'Computer, electronic and optical products', 'Produkte kompjuterike, elektronike dhe optike'),
 ('manufacturing.electrical',  'manufacturing', 3, 'Electrical equipment', 'Pajisje elektrike'),
 ('manufacturing.machinery',   'manufacturing', 4, 'Machinery and equipment n.e.c.', 'Makineri dhe pajisje të paklasifikuara gjetkë'),
 ('manufacturing.motor-vehicles', 'manufacturing', 5, 'Motor vehicles, trailers and semi-trailers', 'Automjete motorike, rimorkio dhe gjysmërimorkio'),
 ('manufacturing.other-transport', 'manufacturing', 6, 'Other transport equipment', 'Pajisje të tjera transporti');
