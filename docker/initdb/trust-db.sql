-- The databases of the demo's sources on trust-db (docker/sources.json); the image runs this at first start.
CREATE DATABASE source_btuh;
CREATE DATABASE source_suhft;
CREATE DATABASE source_eput;
CREATE DATABASE source_sept;
CREATE DATABASE source_nelft;
CREATE DATABASE source_dorset_healthcare;
