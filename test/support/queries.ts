/** A query that fans out through every source: localities → hubs → services → provider, and estates with their records. */
export const NESTED_LOCALITIES = /* GraphQL */ `
  query Nested($first: Int!) {
    localities(first: $first) {
      nodes {
        code
        hubs {
          nodes {
            name
            services {
              nodes {
                name
                provider {
                  name
                  odsCode
                }
              }
            }
          }
        }
        estates {
          nodes {
            name
            sources {
              source
              table
              nativeKey
              lastChangedAt
            }
          }
        }
      }
    }
  }
`;
