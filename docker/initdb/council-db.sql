-- The databases of the demo's sources on council-db (docker/sources.json); the image runs this at first start.
CREATE DATABASE source_thurrock_council;
CREATE DATABASE source_southend_on_sea_borough_council;
CREATE DATABASE source_essex_county_council;
CREATE DATABASE source_castle_point_borough_council;
CREATE DATABASE source_rochford_district_council;
CREATE DATABASE source_purbeck_district_council;
CREATE DATABASE source_thurrock_cvs;
CREATE DATABASE source_healthwatch_thurrock;
CREATE DATABASE source_thurrock_coalition;
