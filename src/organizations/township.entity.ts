import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

// A 乡/镇 that published a 履职事项清单; natural key (county, name).
@Entity('townships')
@Unique('UQ_townships_county_name', ['county', 'name'])
export class TownshipEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 100 })
  county!: string;

  @Column({ type: 'varchar', length: 100 })
  prefecture!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
