/** The npm `node` package pins the runtime; a run on the machine's own older Node means the pin is not in effect. */
describe('runtime', () => {
  it('runs on the pinned Node.js LTS (24 or later), not the machine default', () => {
    const major = Number(process.versions.node.split('.')[0]);
    expect(major).toBeGreaterThanOrEqual(24);
  });
});
