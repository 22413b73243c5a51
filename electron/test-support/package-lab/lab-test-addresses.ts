/**
 * The loopback address prefix of every test that starts its own package lab, in one place. Test
 * files run in parallel: two labs on one prefix would bind the same sshd addresses and fail each
 * other at random, so each test takes its own entry here (and `lab-test-addresses.test.ts` checks
 * that no two are the same). `npm run lab` uses 127.88.0; benches use 127.88.230 and above.
 */
export const LAB_TEST_ADDRESSES = {
  packageLab: '127.88.201',
  aptOperations: '127.88.202',
  dnfOperations: '127.88.203',
  zypperOperations: '127.88.204',
  pacmanOperations: '127.88.205',
  rolloutsFamilies: '127.88.206',
  rollouts: '127.88.207',
  rolloutPlanFeatures: '127.88.208',
  deployLabE2e: '127.88.211',
} as const;
