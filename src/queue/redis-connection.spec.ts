import { clusterSafePrefix, redisTarget } from './redis-connection';

describe(redisTarget.name, () => {
  it('should use one server when no cluster is configured', () => {
    expect(redisTarget('redis://cache:6379')).toEqual({ url: 'redis://cache:6379', cluster: null });
  });

  it('should read the seed nodes of REDIS_CLUSTER_NODES and the credentials of REDIS_URL', () => {
    expect(redisTarget('rediss://app:s3cret@ignored:6379', '10.0.0.1:7000, 10.0.0.2:7001').cluster).toEqual({
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '10.0.0.2', port: 7001 },
      ],
      username: 'app',
      password: 's3cret',
      tls: true,
    });
  });

  it('should read several hosts from a redis+cluster:// URL', () => {
    expect(redisTarget('redis+cluster://:p%40ss@a:7000,b:7001,c:7002/0').cluster).toEqual({
      nodes: [
        { host: 'a', port: 7000 },
        { host: 'b', port: 7001 },
        { host: 'c', port: 7002 },
      ],
      username: undefined,
      password: 'p@ss',
      tls: false,
    });
  });
});

describe(clusterSafePrefix.name, () => {
  it('should wrap the prefix in a hash tag on a cluster only, and keep a tag already given', () => {
    const cluster = redisTarget('redis://x:6379', 'a:7000');
    expect(clusterSafePrefix('dutyflow', cluster)).toBe('{dutyflow}');
    expect(clusterSafePrefix('dutyflow:{eu}', cluster)).toBe('dutyflow:{eu}');
    expect(clusterSafePrefix('dutyflow', redisTarget('redis://x:6379'))).toBe('dutyflow');
  });
});
