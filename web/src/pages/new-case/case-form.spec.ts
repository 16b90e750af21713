import {
  applicantBody,
  defaultTitle,
  emptyApplicant,
  extraFieldsBody,
  formProblems,
  type CaseFieldDefinition,
} from './case-form';

const VALID_ID = '652325198503120024';
const FIELDS: CaseFieldDefinition[] = [
  { key: 'disabilityCategory', label: '残疾类别', type: 'select', required: true, options: ['肢体', '视力'] },
  { key: 'guardianPhone', label: '监护人电话', type: 'phone', required: false },
  { key: 'hasGuardian', label: '有监护人', type: 'boolean', required: true },
  { key: 'age', label: '年龄', type: 'number', required: false },
];

describe('the 发起办件 form', () => {
  describe(formProblems.name, () => {
    it('should accept a named applicant with a valid 公民身份号码 and the required fields', () => {
      const applicant = { ...emptyApplicant(), name: '张三', idNumber: VALID_ID, phone: '139 1234 5678' };
      expect(formProblems(applicant, FIELDS, { disabilityCategory: '肢体' })).toEqual({});
    });

    it('should name the fields the API would refuse: missing name, wrong check digit, bad phone, missing required field', () => {
      const applicant = { ...emptyApplicant(), idNumber: '652325198503120025', phone: '12345' };
      const problems = formProblems(applicant, FIELDS, { guardianPhone: '110' });
      expect(problems).toEqual({
        'applicant.name': '请填写办理对象姓名',
        'applicant.idNumber': expect.stringContaining('校验码不正确'),
        'applicant.phone': expect.stringContaining('11 位手机号'),
        'extraFields.disabilityCategory': '请填写残疾类别',
        'extraFields.guardianPhone': expect.stringMatching(/^监护人电话应为/),
      });
    });

    it('should accept a lower-case x as the check character', () => {
      const applicant = { ...emptyApplicant(), name: '李四', idNumber: '11010519491231002x' };
      expect(formProblems(applicant, [], {})).toEqual({});
    });
  });

  describe(applicantBody.name, () => {
    it('should trim the values and leave the blank optional ones out', () => {
      expect(applicantBody({ ...emptyApplicant(), name: ' 张三 ', village: ' 三个庄子村 ', phone: '  ' })).toEqual({
        name: '张三',
        village: '三个庄子村',
      });
    });
  });

  describe(extraFieldsBody.name, () => {
    it('should send typed values, an unticked yes/no as false, and leave blanks out', () => {
      expect(extraFieldsBody(FIELDS, { disabilityCategory: '视力', guardianPhone: '', age: 42 })).toEqual({
        disabilityCategory: '视力',
        hasGuardian: false,
        age: 42,
      });
    });

    it('should send nothing when the template declares no fields', () => {
      expect(extraFieldsBody([], {})).toBeUndefined();
    });
  });

  describe(defaultTitle.name, () => {
    it('should be 办理对象 + 事项名称 as the API names it', () => {
      expect(defaultTitle(' 张三 ', '残疾人证管理')).toBe('张三 残疾人证管理');
      expect(defaultTitle('', '残疾人证管理')).toBe('残疾人证管理');
    });
  });
});
