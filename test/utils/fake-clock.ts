import { Clock } from 'src/common/clock/clock';

// Time under the test's control: no test sleeps for a deadline.
export class FakeClock extends Clock {
  private current = new Date();

  override now(): Date {
    return new Date(this.current);
  }

  set(isoChinaTime: string): void {
    this.current = new Date(`${isoChinaTime}+08:00`);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
