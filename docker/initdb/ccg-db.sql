-- The databases of the demo's sources on ccg-db (docker/sources.json); the image runs this at first start.
CREATE DATABASE source_nhs_thurrock_ccg;
CREATE DATABASE source_nhs_southend_ccg;
CREATE DATABASE source_nhs_castle_point_and_rochford_ccg;
CREATE DATABASE source_nhs_dorset_ccg;
