// Builds SDMX REST queries with the sdmx-rest library (not with MdgExchange's own code), runs them against the
// service and prints one JSON line per query: its name, the URL the library built, the status, the media type and
// what the body holds, for the .NET test to check. Usage: node run.js <base URL of the HTTP endpoint>
'use strict';
const sdmx = require('sdmx-rest');

const base = process.argv[2].replace(/\/$/, '');
const v1 = sdmx.getService({ url: `${base}/sdmx/rest`, api: sdmx.utils.ApiVersion.v1_5_0 });
const v2 = sdmx.getService({ url: `${base}/sdmx/v2`, api: sdmx.utils.ApiVersion.v2_0_0 });
const lac = 'A.G.............';

const queries = [
  ['data-csv', sdmx.getDataQuery({ flow: 'MDGX,DF_SDG,1.0', key: lac }), v1, 'application/vnd.sdmx.data+csv;version=1.0.0'],
  ['data-json', sdmx.getDataQuery({ flow: 'MDGX,DF_SDG,1.0', key: lac, start: '2010', end: '2015' }), v1, 'application/vnd.sdmx.data+json;version=1.0.0'],
  ['data-generic', sdmx.getDataQuery({ flow: 'MDGX,DF_SDG,1.0', key: lac, detail: 'dataonly', obsDimension: 'AllDimensions' }), v1, 'application/vnd.sdmx.genericdata+xml;version=2.1'],
  ['data-last', sdmx.getDataQuery({ flow: 'MDGX,DF_SDG,1.0', key: lac, lastNObs: 1 }), v1, 'application/vnd.sdmx.structurespecificdata+xml;version=2.1'],
  ['codelist-items', sdmx.getMetadataQuery({ resource: 'codelist', agency: 'IAEG-SDGs', id: 'CL_AREA', item: '32+76' }), v1, 'application/vnd.sdmx.structure+xml;version=2.1'],
  ['dataflow-json', sdmx.getMetadataQuery({ resource: 'dataflow', agency: 'MDGX', id: 'DF_SDG', references: 'datastructure' }), v1, 'application/vnd.sdmx.structure+json;version=1.0.0'],
  ['availability', sdmx.getAvailabilityQuery({ flow: 'MDGX,DF_SDG,1.0', key: lac, component: 'REF_AREA' }), v1, 'application/vnd.sdmx.structure+xml;version=2.1'],
  ['v2-data', sdmx.getDataQuery2({ context: 'dataflow=MDGX:DF_SDG(1.0)', key: 'A.G.*.*.*.*.*.*.*.*.*.*.*.*.*', filters: ['TIME_PERIOD=ge:2010+le:2015'], attributes: 'none' }), v2, 'application/vnd.sdmx.data+csv;version=2.0.0'],
];

(async () => {
  for (const [name, query, service, accept] of queries) {
    const url = sdmx.getUrl(query, service);
    const response = await sdmx.request2(url, { headers: { accept } });
    const body = await response.text();
    let mediaTypeAccepted = true;
    try { sdmx.checkMediaType(accept, response); } catch (e) { mediaTypeAccepted = String(e.message); }
    console.log(JSON.stringify({
      name, url, status: response.status, contentType: response.headers.get('content-type'), mediaTypeAccepted,
      length: body.length, lines: body.split('\n').filter(l => l.length > 0).length, body: body.length < 200000 ? body : null,
    }));
  }
})().catch(e => { console.error(e); process.exit(1); });
