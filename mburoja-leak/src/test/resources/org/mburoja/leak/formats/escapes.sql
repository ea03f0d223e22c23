-- pg and mysql style
CREATE TABLE IF NOT EXISTS `votuesit` (
  `id` int NOT NULL AUTO_INCREMENT,
  `emri` varchar(128) DEFAULT 'x,y',
  `mbiemri` varchar(128),
  `numri_personal` char(10),
  `shenime` text,
  `preferenca` varchar(32),
  PRIMARY KEY (`id`),
  KEY `idx` (`numri_personal`)
) ENGINE=InnoDB;
INSERT INTO `votuesit` VALUES (1,'Arben','Hoxha','J00101999W','it\'s (ok), really','Partia A'),(2,'Elira','Gashi','I45203123S','O''Brien; ok',NULL);
INSERT INTO votuesit (emri, numri_personal, preferenca) VALUES
('Drita','H85403322I','Partia C'),
('Agron','J70526114W','e pavendosur');
COPY public.votuesit (id, emri, mbiemri, numri_personal, preferenca) FROM stdin;
5	Besa	Kola	E55229001R	\N
6	Genta	Mema	H85403322I	Partia D
\.
