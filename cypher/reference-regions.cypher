// Federal subjects with their administrative centres as points.
UNWIND $rows AS row
MERGE (r:Region {code: row.code})
SET r.iso = row.iso,
    r.name = row.name,
    r.nameEn = row.nameEn,
    r.federalDistrict = row.federalDistrict,
    r.federalDistrictName = row.federalDistrictName,
    r.federalDistrictNameEn = row.federalDistrictNameEn,
    r.center = row.center,
    r.centerEn = row.centerEn,
    r.location = point({latitude: row.lat, longitude: row.lon})
